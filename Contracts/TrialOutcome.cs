namespace Snnsweep.Contracts;

/// <summary>The end of one trial attempt.</summary>
/// <param name="Kind">Completed, pruned, failed or interrupted.</param>
/// <param name="Metrics">Final result metrics by name (valAccuracy, testAccuracy, avgTimestep, ...); empty unless completed.</param>
/// <param name="Error">Why it failed, for people.</param>
/// <param name="ResumedFromEpoch">The checkpoint epoch the attempt started from (0 = fresh).</param>
/// <param name="Curve">The whole learning curve, resumed epochs included (authoritative over the epoch reports).</param>
[GenerateSerializer, Immutable, Alias("snnsweep.TrialOutcome")]
public sealed record TrialOutcome(
    [property: Id(0)] TrialOutcomeKind Kind,
    [property: Id(1)] Dictionary<string, double> Metrics,
    [property: Id(2)] string? Error,
    [property: Id(3)] int ResumedFromEpoch,
    [property: Id(4)] EpochReport[] Curve)
{
    /// <summary>
    /// The complete configuration the trial trained with (every trainer key -&gt; value, as text that reads back
    /// exactly), so that <c>best-config.json</c> records it; null where the runner does not report it.
    /// </summary>
    [Id(5)]
    public Dictionary<string, string>? Config { get; init; }

    /// <summary>
    /// The failure would repeat on every retry (a seeded run that diverged diverges again at the same batch), so
    /// the trial is failed at once instead of spending its retries.
    /// </summary>
    [Id(6)]
    public bool Deterministic { get; init; }
}
