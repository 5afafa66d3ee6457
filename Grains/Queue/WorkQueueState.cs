using Snnsweep.Contracts;

namespace Snnsweep.Grains.Queue;

/// <summary>The persisted queue: tickets in order, and the leases out.</summary>
[GenerateSerializer, Alias("snnsweep.WorkQueueState")]
public sealed class WorkQueueState
{
    [Id(0)] public List<TrialTicket> Queued { get; set; } = [];
    [Id(1)] public Dictionary<Guid, TrialLease> Leases { get; set; } = [];
}
