namespace Snnsweep.Contracts;

/// <summary>What the queue holds: tickets waiting and leases out.</summary>
[GenerateSerializer, Immutable, Alias("snnsweep.WorkQueueView")]
public sealed record WorkQueueView([property: Id(0)] TrialTicket[] Queued, [property: Id(1)] TrialLease[] Leased);
