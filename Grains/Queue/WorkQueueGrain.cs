using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Snnsweep.Contracts;

namespace Snnsweep.Grains.Queue;

/// <summary>
/// The pull queue of trial tickets with leases (see <see cref="IWorkQueueGrain"/>). Every change is persisted
/// before it is acknowledged, so a crash loses no ticket; expired leases are swept by a timer that keeps the
/// activation alive.
/// </summary>
[GrainType("work-queue")]
public sealed class WorkQueueGrain(
    [PersistentState("queue", SnnsweepStorage.Name)] IPersistentState<WorkQueueState> state,
    IOptions<QueueOptions> options,
    TimeProvider time,
    ILogger<WorkQueueGrain> logger) : Grain, IWorkQueueGrain
{
    private readonly QueueOptions _options = options.Value;
    // Idle slots waiting for work, by owner. In memory only: a slot that misses a wake-up polls again soon.
    private readonly Dictionary<string, ISlotObserver> _idle = [];
    private readonly SlotActivity _slots = new();
    private IGrainTimer? _expiry;
    // The busy silo that takes no new ticket until it is empty, while a ticket waits to run alone (see NextFor). In
    // memory only: a new activation picks one again.
    private string? _draining;
    // When a lease of each silo last expired: a lease expiring soon after another of its silo did not die alone.
    private readonly Dictionary<string, DateTime> _lastExpiry = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A new activation means the last one was unreachable (its silo died and this grain is placed again, or it
        // dropped itself after a failed write): the slots holding leases could not renew meanwhile. Every lease it
        // loads gets one full duration from now, so a trial training on a live silo keeps its lease while the queue
        // moves; a holder that is really gone is found one duration later.
        var renewedUntil = Now + _options.LeaseDuration;
        foreach (var lease in state.State.Leases.Values.Where(l => l.ExpiresAt < renewedUntil).ToArray())
            state.State.Leases[lease.LeaseId] = lease with { ExpiresAt = renewedUntil };
        _expiry = this.RegisterGrainTimer(ExpireAsync, new GrainTimerCreationOptions
        {
            DueTime = _options.RenewInterval,
            Period = _options.RenewInterval,
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    public async Task Enqueue(TrialTicket[] tickets)
    {
        var changed = false;
        foreach (var ticket in tickets)
        {
            // A later attempt supersedes an earlier one (a retry enqueued before the failed attempt's lease ended).
            if (Holds(ticket.SweepId, ticket.Number, atLeastAttempt: ticket.Attempt)) continue;
            state.State.Queued.RemoveAll(t => t.SweepId == ticket.SweepId && t.Number == ticket.Number);
            state.State.Queued.Add(ticket);
            changed = true;
        }
        if (changed)
        {
            await Persist();
            WakeIdleSlots();
        }
    }

    public async Task<TrialLease?> Lease(string owner, ISlotObserver? wakeUp = null, Guid? finished = null)
    {
        TrialLease? done = null;
        var completed = finished is { } id && state.State.Leases.Remove(id, out done);
        if (completed) _slots.Ended(done!, Now);
        _slots.Seen(owner, Now);
        var index = NextFor(owner);
        if (index < 0)
        {
            if (wakeUp is not null) _idle[owner] = wakeUp;
            if (completed)
            {
                await Persist();
                WakeIdleSlots();
            }
            return null;
        }
        _idle.Remove(owner);
        var ticket = state.State.Queued[index];
        state.State.Queued.RemoveAt(index);
        var lease = new TrialLease(Guid.NewGuid(), ticket, owner, Now + _options.LeaseDuration);
        state.State.Leases[lease.LeaseId] = lease;
        await Persist();
        _slots.Leased(lease, Now);
        // A lease that ended may free a silo that a ticket to run alone waits for.
        if (completed) WakeIdleSlots();
        return lease;
    }

    /// <summary>
    /// The position of the ticket <paramref name="owner"/> takes, or -1 for none. A silo running a trial alone takes
    /// nothing else; an empty silo takes the first ticket that must run alone, else the first; a busy one takes the
    /// first that need not. While a ticket waits to run alone, one busy silo (the first to ask) takes nothing more
    /// until it is empty, or on a cluster whose silos are never all idle at once it would wait for ever.
    /// </summary>
    private int NextFor(string owner)
    {
        var queued = state.State.Queued;
        if (queued.Count == 0) return -1;
        var silo = SiloOf(owner);
        var busy = false;
        foreach (var held in state.State.Leases.Values)
        {
            if (SiloOf(held.Owner) != silo) continue;
            if (held.Ticket.RunAlone) return -1;
            busy = true;
        }
        var alone = queued.FindIndex(t => t.RunAlone);
        if (alone < 0)
        {
            _draining = null;
            return 0;
        }
        if (!busy) return alone;
        // The silo that drains must still be running something, or it is empty (and takes the ticket when it asks) or gone.
        if (_draining is null || !state.State.Leases.Values.Any(l => SiloOf(l.Owner) == _draining)) _draining = silo;
        return _draining == silo ? -1 : queued.FindIndex(t => !t.RunAlone);
    }

    private static string SiloOf(string owner) => SlotOwner.SiloOf(owner);

    public async Task<bool> Renew(Guid leaseId)
    {
        if (!state.State.Leases.TryGetValue(leaseId, out var lease)) return false;
        state.State.Leases[leaseId] = lease with { ExpiresAt = Now + _options.LeaseDuration };
        _slots.Seen(lease.Owner, Now);
        await Persist();
        return true;
    }

    public async Task Complete(Guid leaseId)
    {
        if (!state.State.Leases.Remove(leaseId, out var lease)) return;
        _slots.Ended(lease, Now);
        await Persist();
        WakeIdleSlots();
    }

    public async Task Release(Guid leaseId)
    {
        if (!state.State.Leases.Remove(leaseId, out var lease)) return;
        _slots.Ended(lease, Now);
        // Handed back (an interrupt, a shutdown): not a failure, so nothing is counted; a trial that must run alone still does.
        state.State.Queued.Insert(0, lease.Ticket with { Attempt = lease.Ticket.Attempt + 1, LostAlone = false });
        await Persist();
        WakeIdleSlots();
    }

    public async Task Withdraw(string sweepId)
    {
        var removed = state.State.Queued.RemoveAll(t => t.SweepId == sweepId);
        foreach (var id in state.State.Leases.Where(kv => kv.Value.Ticket.SweepId == sweepId).Select(kv => kv.Key).ToArray())
        {
            state.State.Leases.Remove(id, out var lease);
            _slots.Ended(lease!, Now);
            removed++;
        }
        if (removed > 0) await Persist();
    }

    public Task<WorkQueueView> GetState() =>
        Task.FromResult(new WorkQueueView(state.State.Queued.ToArray(), state.State.Leases.Values.ToArray()));

    public Task<QueueCounts> GetCounts() => Task.FromResult(new QueueCounts(state.State.Queued.Count, state.State.Leases.Count));

    public Task<SlotView[]> GetSlots() => Task.FromResult(_slots.View(Now));

    private async Task ExpireAsync(CancellationToken cancellation)
    {
        var now = Now;
        var expired = state.State.Leases.Values.Where(l => l.ExpiresAt <= now).OrderBy(l => l.ExpiresAt).ToArray();
        if (expired.Length == 0) return;
        // Whether each ran alone on its silo, judged before any is removed: the leases a dead silo held expire
        // within one renewal interval of each other, over one or two of these passes.
        var alone = expired.ToDictionary(l => l.LeaseId, l => l.Ticket.RunAlone || RanAlone(l, now));
        foreach (var lease in expired)
        {
            state.State.Leases.Remove(lease.LeaseId);
            _slots.Ended(lease, now);
            _lastExpiry[SiloOf(lease.Owner)] = now;
            // Back at the front: it has waited longest. The next attempt resumes from the trial's checkpoint, alone on
            // its silo; the sweep counts this one as a failure only if it ran alone (then nothing else can have caused it).
            state.State.Queued.Insert(0, lease.Ticket with { Attempt = lease.Ticket.Attempt + 1, RunAlone = true, LostAlone = alone[lease.LeaseId] });
            logger.LogWarning("Lease of trial {Trial} attempt {Attempt} held by {Owner} expired; the trial goes back to the queue to run alone on a silo",
                lease.Ticket.TrialKey, lease.Ticket.Attempt, lease.Owner);
        }
        await Persist(cancellation);
        WakeIdleSlots();
    }

    /// <summary>No other lease of its silo is held, or expired within a lease duration before it.</summary>
    private bool RanAlone(TrialLease lease, DateTime now)
    {
        var silo = SiloOf(lease.Owner);
        return !state.State.Leases.Values.Any(l => l.LeaseId != lease.LeaseId && SiloOf(l.Owner) == silo)
            && !(_lastExpiry.TryGetValue(silo, out var at) && now - at < _options.LeaseDuration);
    }

    /// <summary>Tells as many idle slots as there are queued tickets that work is waiting.</summary>
    private void WakeIdleSlots()
    {
        foreach (var owner in _idle.Keys.Take(state.State.Queued.Count).ToArray())
        {
            var slot = _idle[owner];
            _idle.Remove(owner);
            try
            {
                slot.OnWorkAvailable();
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Could not wake slot {Owner}", owner);
            }
        }
    }

    private bool Holds(string sweepId, int number, int atLeastAttempt) =>
        state.State.Queued.Any(t => t.SweepId == sweepId && t.Number == number && t.Attempt >= atLeastAttempt)
        || state.State.Leases.Values.Any(l => l.Ticket.SweepId == sweepId && l.Ticket.Number == number && l.Ticket.Attempt >= atLeastAttempt);

    /// <summary>
    /// Writes the queue. On failure (a stale ETag after another activation wrote, storage down) this activation's
    /// memory is no longer the truth: it is dropped, so the next call reloads the stored queue instead of repeating
    /// a write that cannot succeed, and the caller sees the error and retries.
    /// </summary>
    private async Task Persist(CancellationToken cancellation = default)
    {
        try
        {
            await state.WriteStateAsync(cancellation);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Work queue: its state could not be saved ({Error}); reloading it", e.Message);
            DeactivateOnIdle();
            throw;
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _expiry?.Dispose();
        return Task.CompletedTask;
    }
}
