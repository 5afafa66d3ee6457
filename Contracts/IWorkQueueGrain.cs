namespace Snnsweep.Contracts;

/// <summary>
/// The cluster's queue of trial tickets (one activation, key "default"). Slots pull: a free slot leases the
/// next ticket for a limited time and renews the lease while the trial runs. A lease that is not renewed in
/// time (the silo died) puts the ticket back with the next attempt number, so another slot resumes the
/// trial from its checkpoint.
/// </summary>
[Alias("snnsweep.IWorkQueueGrain")]
public interface IWorkQueueGrain : IGrainWithStringKey
{
    /// <summary>
    /// Adds tickets unless the same trial is already queued or leased with this or a later attempt; a later
    /// attempt replaces a queued earlier one.
    /// </summary>
    [Alias("Enqueue")]
    Task Enqueue(TrialTicket[] tickets);

    /// <summary>
    /// Completes <paramref name="finished"/> (the slot's previous lease, if any) and hands the oldest ticket to
    /// <paramref name="owner"/>, or null when the queue is empty; then <paramref name="wakeUp"/> (if given) is
    /// told once when a ticket arrives.
    /// </summary>
    [Alias("Lease")]
    Task<TrialLease?> Lease(string owner, ISlotObserver? wakeUp = null, Guid? finished = null);

    /// <summary>Extends a lease; false when it expired or ended (the holder must stop that attempt).</summary>
    [Alias("Renew")]
    Task<bool> Renew(Guid leaseId);

    /// <summary>The attempt ended for good: the lease and ticket are dropped.</summary>
    [Alias("Complete")]
    Task Complete(Guid leaseId);

    /// <summary>The holder gives the ticket back (graceful shutdown): it is queued again at the front, next attempt.</summary>
    [Alias("Release")]
    Task Release(Guid leaseId);

    /// <summary>Drops every queued ticket and lease of a sweep (the sweep stopped).</summary>
    [Alias("Withdraw")]
    Task Withdraw(string sweepId);

    [Alias("GetState"), AlwaysInterleave]
    Task<WorkQueueView> GetState();

    /// <summary>How many tickets wait and how many are leased (cheap: for metrics and autoscaling).</summary>
    [Alias("GetCounts"), AlwaysInterleave]
    Task<QueueCounts> GetCounts();

    /// <summary>The slots the queue has heard from since its activation: what each runs and its utilisation.</summary>
    [Alias("GetSlots"), AlwaysInterleave]
    Task<SlotView[]> GetSlots();
}
