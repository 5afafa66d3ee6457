namespace Snnsweep.Contracts;

/// <summary>A training slot as the queue has seen it since the queue's activation.</summary>
/// <param name="Owner">"silo/slot".</param>
/// <param name="Trial">The trial it runs ("sweepId/number"), or null when idle.</param>
/// <param name="Attempt">The attempt it runs (0 when idle).</param>
/// <param name="BusySince">When it leased its current trial.</param>
/// <param name="FirstSeen">When the queue first heard of the slot.</param>
/// <param name="LastSeen">Its last lease, renewal or completion.</param>
/// <param name="Utilisation">Busy time / time since <paramref name="FirstSeen"/>, in [0, 1].</param>
/// <param name="TrialsRun">Leases it has taken.</param>
[GenerateSerializer, Immutable, Alias("snnsweep.SlotView")]
public sealed record SlotView(
    [property: Id(0)] string Owner,
    [property: Id(1)] string? Trial,
    [property: Id(2)] int Attempt,
    [property: Id(3)] DateTime? BusySince,
    [property: Id(4)] DateTime FirstSeen,
    [property: Id(5)] DateTime LastSeen,
    [property: Id(6)] double Utilisation,
    [property: Id(7)] int TrialsRun)
{
    /// <summary>The silo part of <see cref="Owner"/>.</summary>
    public string Silo => SlotOwner.SiloOf(Owner);
}
