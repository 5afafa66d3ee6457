using Snnsweep.Contracts;

namespace Snnsweep.Dashboard.Services;

/// <summary>A line of the sweeps list.</summary>
public sealed record SweepRow(
    string Id, SweepStatus Status, string Method, string Dataset, int Finished, int Running, int Budget, double? BestValue, string Objective,
    DateTime CreatedAt, TimeSpan Duration)
{
    public double Progress => Budget == 0 ? 0 : 100.0 * Finished / Budget;

    public static SweepRow From(SweepSnapshot snapshot, DateTime now)
    {
        var spec = snapshot.Spec;
        var primary = spec?.Objectives.FirstOrDefault();
        double? best = snapshot.Best is { } b && primary is not null && snapshot.Trials.FirstOrDefault(t => t.Number == b) is { } trial
            && trial.Metrics.TryGetValue(primary.Metric, out var value) ? value : null;
        var finished = snapshot.Trials.Count(t => t.Status is TrialStatus.Completed or TrialStatus.Pruned or TrialStatus.Failed);
        var running = snapshot.Trials.Count(t => t.Status == TrialStatus.Running);
        // Duration: until the last trial ended for a finished sweep, until now for a running one.
        var end = snapshot.Status == SweepStatus.Running ? now : snapshot.Trials.Max(t => t.EndedAt) ?? snapshot.CreatedAt;
        // The budget may have been extended beyond the spec's trial count; the table holds every trial proposed so far.
        var budget = Math.Max(spec?.Trials ?? 0, snapshot.Trials.Length);
        return new SweepRow(snapshot.Id, snapshot.Status, spec?.Method ?? "", spec?.Dataset ?? "", finished, running, budget,
            best, primary?.Metric ?? "", snapshot.CreatedAt, end > snapshot.CreatedAt ? end - snapshot.CreatedAt : TimeSpan.Zero);
    }
}
