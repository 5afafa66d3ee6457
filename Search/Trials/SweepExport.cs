using System.Text.Json;
using Snnsweep.Search.Spaces;

namespace Snnsweep.Search.Trials;

/// <summary>
/// A sweep as it leaves the cluster: its space, objectives and every trial. Read back, it restores a
/// session (samplers rebuild from trials) or warm-starts another sweep with its completed trials.
/// </summary>
public sealed record SweepExport(SearchSpaceDocument Space, IReadOnlyList<Objective> Objectives, IReadOnlyList<Trial> Trials)
{
    public static SweepExport From(SearchProblem problem, TrialHistory history) =>
        new(new SearchSpaceDocument(problem.Space.Parameters, problem.Space.Constraints.Count == 0 ? null : problem.Space.Constraints), problem.Objectives, history.ToList());

    public SearchProblem ToProblem() => new(new SearchSpace(Space.Parameters ?? [], Space.Constraints), Objectives);

    public string ToJson() => JsonSerializer.Serialize(this, SearchJson.Options);

    public static SweepExport FromJson(string json) =>
        JsonSerializer.Deserialize<SweepExport>(json, SearchJson.Options) ?? throw new JsonException("The sweep export is empty.");

    /// <summary>
    /// The completed trials that are valid configurations of <paramref name="target"/> and report every
    /// one of its objectives (matched by name), with values reordered to the target's objectives. Trials
    /// that do not fit are listed with the reason, so a user sees what a warm start left out.
    /// </summary>
    public WarmStartTrials CompletedTrialsFor(SearchProblem target)
    {
        var usable = new List<Trial>();
        var skipped = new List<string>();
        var objectiveIndex = Objectives.Select((o, i) => (o.Name, i)).ToDictionary(t => t.Name, t => t.i);
        var missing = target.Objectives.Where(o => !objectiveIndex.ContainsKey(o.Name)).Select(o => $"'{o.Name}'").ToList();
        foreach (var trial in Trials.Where(t => t.State == TrialState.Completed))
        {
            var violations = target.Space.Violations(trial.Parameters);
            if (missing.Count > 0)
            {
                skipped.Add($"trial {trial.Id}: the export has no objective {string.Join(", ", missing)}");
            }
            else if (violations.Count > 0)
            {
                skipped.Add($"trial {trial.Id}: {string.Join("; ", violations)}");
            }
            else
            {
                usable.Add(trial with { Values = target.Objectives.Select(o => trial.Values[objectiveIndex[o.Name]]).ToArray() });
            }
        }
        return new WarmStartTrials(usable, skipped);
    }
}
