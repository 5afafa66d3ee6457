namespace Snnsweep.Contracts;

/// <summary>A ticket handed to one slot until <see cref="ExpiresAt"/>; renewed while the trial runs.</summary>
/// <param name="LeaseId">Identifies this hand-out; a renewal or completion with an old id is refused.</param>
/// <param name="Ticket">The work.</param>
/// <param name="Owner">The slot holding it, as "silo/slot".</param>
/// <param name="ExpiresAt">When the ticket returns to the queue unless renewed.</param>
[GenerateSerializer, Immutable, Alias("snnsweep.TrialLease")]
public sealed record TrialLease(
    [property: Id(0)] Guid LeaseId,
    [property: Id(1)] TrialTicket Ticket,
    [property: Id(2)] string Owner,
    [property: Id(3)] DateTime ExpiresAt);
