using System.Globalization;
using Snnsweep.Contracts;
using Snnsweep.Search.Analysis;
using Snnsweep.Search.Spaces;

namespace Snnsweep.Dashboard.Services;

/// <summary>Maps a sweep snapshot to the data of each plot (pure functions, so the mappings are tested without a browser).</summary>
public static class SweepCharts
{
    public const string Accuracy = MetricNames.ValAccuracy;
    public const string AvgTimestep = MetricNames.AvgTimestep;

    /// <summary>The primary objective of each completed trial in completion order, with the best so far.</summary>
    public static IReadOnlyList<HistoryPoint> History(SweepSnapshot snapshot)
    {
        if (snapshot.Spec?.Objectives.FirstOrDefault() is not { } primary) return [];
        var points = new List<HistoryPoint>();
        double? best = null;
        foreach (var trial in snapshot.Trials
                     .Where(t => t.Status == TrialStatus.Completed && t.Metrics.ContainsKey(primary.Metric))
                     .OrderBy(t => t.EndedAt ?? DateTime.MaxValue).ThenBy(t => t.Number))
        {
            var value = trial.Metrics[primary.Metric];
            best = best is not { } b ? value : primary.Maximize ? Math.Max(b, value) : Math.Min(b, value);
            points.Add(new HistoryPoint(trial.Number, value, best.Value));
        }
        return points;
    }

    /// <summary>Running trials first, then the most recently ended ones, up to <paramref name="max"/> curves.</summary>
    public static IReadOnlyList<CurveSeries> LearningCurves(SweepSnapshot snapshot, int max = 8) =>
        snapshot.Trials
            .Where(t => t.Curve.Length > 0)
            .OrderByDescending(t => t.Status == TrialStatus.Running)
            .ThenByDescending(t => t.EndedAt ?? DateTime.MaxValue)
            .ThenByDescending(t => t.Number)
            .Take(max)
            .OrderBy(t => t.Number)
            .Select(t => new CurveSeries(t.Number, $"#{t.Number}", t.Curve.OrderBy(e => e.Epoch).Select(e => e.ValAccuracy).ToArray(), t.Status == TrialStatus.Running))
            .ToArray();

    /// <summary>One axis per searched parameter, then the primary objective, over the completed trials.</summary>
    public static IReadOnlyList<ParallelAxis> ParallelCoordinates(SweepSnapshot snapshot)
    {
        if (snapshot.Spec is not { } spec) return [];
        var completed = Completed(snapshot);
        if (completed.Count == 0) return [];
        var axes = new List<ParallelAxis>();
        foreach (var parameter in Space(spec)?.Parameters ?? [])
        {
            if (parameter is CategoricalParameter categorical)
            {
                var labels = categorical.Choices.Select(c => c.ToString()).ToArray();
                axes.Add(new ParallelAxis(parameter.Name,
                    completed.Select(t => t.Parameters.TryGetValue(parameter.Name, out var v) ? Array.IndexOf(labels, v) : double.NaN).ToArray(),
                    labels, false));
            }
            else
            {
                var log = parameter is FloatParameter { Log: true } or IntParameter { Log: true };
                axes.Add(new ParallelAxis(parameter.Name,
                    completed.Select(t => t.Parameters.TryGetValue(parameter.Name, out var v) && TryNumber(v, out var x) ? x : double.NaN).ToArray(),
                    null, log));
            }
        }
        var primary = spec.Objectives[0].Metric;
        axes.Add(new ParallelAxis(primary, completed.Select(t => t.Metrics.GetValueOrDefault(primary, double.NaN)).ToArray(), null, false));
        return axes;
    }

    /// <summary>Every completed trial with both metrics, flagged when the sweep counts it on its Pareto front.</summary>
    public static IReadOnlyList<ParetoPoint> Pareto(SweepSnapshot snapshot)
    {
        var front = snapshot.ParetoFront.ToHashSet();
        return Completed(snapshot)
            .Where(t => t.Metrics.ContainsKey(Accuracy) && t.Metrics.ContainsKey(AvgTimestep))
            .Select(t => new ParetoPoint(t.Number, t.Metrics[AvgTimestep], t.Metrics[Accuracy], front.Contains(t.Number)))
            .ToArray();
    }

    /// <summary>Share of the primary objective's spread each parameter explains (see <see cref="ParameterImportance"/>).</summary>
    public static IReadOnlyList<(string Parameter, double Importance)> Importance(SweepSnapshot snapshot)
    {
        if (snapshot.Spec is not { } spec || Space(spec) is not { } space) return [];
        var completed = Completed(snapshot).Where(t => t.Metrics.ContainsKey(spec.Objectives[0].Metric)).ToList();
        var importance = ParameterImportance.Compute(space,
            completed.Select(t => (IReadOnlyDictionary<string, string>)t.Parameters).ToList(),
            completed.Select(t => t.Metrics[spec.Objectives[0].Metric]).ToList());
        return importance.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => (kv.Key, kv.Value)).ToArray();
    }

    private static List<TrialSummary> Completed(SweepSnapshot snapshot) =>
        snapshot.Trials.Where(t => t.Status == TrialStatus.Completed).OrderBy(t => t.Number).ToList();

    private static SearchSpace? Space(SweepSpec spec)
    {
        try
        {
            return SearchSpace.FromJson(spec.SpaceJson);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or SearchSpaceException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
