namespace Snnsweep.Contracts;

/// <summary>A trial as the sweep records it: configuration, progress, result and history.</summary>
[GenerateSerializer, Immutable, Alias("snnsweep.TrialSummary")]
public sealed record TrialSummary(
    [property: Id(0)] int Number,
    [property: Id(1)] TrialStatus Status,
    [property: Id(2)] Dictionary<string, string> Parameters,
    [property: Id(3)] int Attempt,
    [property: Id(4)] string? Owner,
    [property: Id(5)] EpochReport[] Curve,
    [property: Id(6)] Dictionary<string, double> Metrics,
    [property: Id(7)] string? Error,
    [property: Id(8)] TrialEvent[] History,
    [property: Id(9)] DateTime? StartedAt,
    [property: Id(10)] DateTime? EndedAt)
{
    /// <summary>Epochs finished so far (of the current or last attempt, resumed ones included).</summary>
    public int EpochsDone => Curve.Length;
}
