namespace Snnsweep.Contracts;

/// <summary>The whole state of a sweep as observers and exports see it.</summary>
/// <param name="Id">Sweep id.</param>
/// <param name="Spec">What it searches.</param>
/// <param name="Status">New, running, stopped or completed.</param>
/// <param name="Trials">Every trial so far, by number.</param>
/// <param name="Best">Number of the best completed trial by the primary objective, if any.</param>
/// <param name="ParetoFront">Numbers of the non-dominated completed trials (multi-objective sweeps).</param>
/// <param name="CreatedAt">When the sweep was created.</param>
/// <param name="Version">Increases with every change; observers drop stale snapshots.</param>
[GenerateSerializer, Immutable, Alias("snnsweep.SweepSnapshot")]
public sealed record SweepSnapshot(
    [property: Id(0)] string Id,
    [property: Id(1)] SweepSpec? Spec,
    [property: Id(2)] SweepStatus Status,
    [property: Id(3)] TrialSummary[] Trials,
    [property: Id(4)] int? Best,
    [property: Id(5)] int[] ParetoFront,
    [property: Id(6)] DateTime CreatedAt,
    [property: Id(7)] long Version)
{
    /// <summary>
    /// The complete resolved configuration (every trainer key -&gt; value) the best trial trained with, as its
    /// runner reported it; null while there is no best trial or for a trial completed before runners reported it.
    /// Only the best trial's travels with every snapshot: it is what <c>best-config.json</c> records.
    /// </summary>
    [Id(8)]
    public Dictionary<string, string>? BestConfig { get; init; }
}
