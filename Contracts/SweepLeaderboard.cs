
namespace Snnsweep.Contracts;

/// <summary>The order in which people read a sweep's trials (the CLI table, leaderboard.json, the dashboard).</summary>
public static class SweepLeaderboard
{
    /// <summary>Completed trials first, best first by the primary objective; then the others by number.</summary>
    public static IReadOnlyList<TrialSummary> Rank(SweepSnapshot snapshot)
    {
        var primary = snapshot.Spec?.Objectives.FirstOrDefault();
        if (primary is null) return snapshot.Trials.OrderBy(t => t.Number).ToList();
        var completed = snapshot.Trials.Where(t => t.Status == TrialStatus.Completed && t.Metrics.ContainsKey(primary.Metric));
        var ranked = (primary.Maximize
            ? completed.OrderByDescending(t => t.Metrics[primary.Metric])
            : completed.OrderBy(t => t.Metrics[primary.Metric])).ThenBy(t => t.Number).ToList();
        var rankedNumbers = ranked.Select(t => t.Number).ToHashSet();
        return ranked.Concat(snapshot.Trials.Where(t => !rankedNumbers.Contains(t.Number)).OrderBy(t => t.Number)).ToList();
    }
}
