using Snnsweep.Contracts;

namespace Snnsweep.Dashboard.Services;

/// <summary>The cluster page's data: silos from the membership table and slots from the queue.</summary>
public sealed record ClusterStatus(IReadOnlyList<SiloStatusRow> Silos, IReadOnlyList<SlotView> Slots, int QueuedTickets, DateTime At);
