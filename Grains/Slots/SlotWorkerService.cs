using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;
using Snnsweep.Contracts;
using Snnsweep.Grains.Queue;

namespace Snnsweep.Grains.Slots;

/// <summary>
/// One worker per slot of this silo. An idle worker leases the next ticket and starts its trial grain from
/// here — hosted code, not a grain, so prefer-local placement activates the trial on this silo, where the
/// slot is — and stays busy until the trial's attempt ends. Pull-based: a slot never gets more than one
/// trial, and a dead silo simply stops renewing its leases. The worker that takes a lease owns it: it renews it from the
/// moment it has it until its trial has ended (not the trial grain, whose start waits on the sweep grain, which may be
/// moving to another silo after its own died, and whose turns carry the epoch reports), and completes it or hands its
/// ticket back as the trial's end says (<see cref="SlotRelease"/>); the trial grain trains and reports.
/// </summary>
public sealed class SlotWorkerService(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    SlotBoard board,
    SlotHealth health,
    IOptions<SlotOptions> options,
    IOptions<QueueOptions> queueOptions,
    IOptions<ClusterTimings> timings,
    ILogger<SlotWorkerService> logger) : BackgroundService, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _handingBack = new();
    // Each lease in flight on this silo's slots, until it is settled (after a shutdown, once its trial has stopped).
    private readonly ConcurrentDictionary<Guid, Task> _unsettled = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stopping = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, _handingBack.Token).Token;
        return Task.WhenAll(Enumerable.Range(0, options.Value.Devices.Count).Select(slot => RunSlotAsync(slot, stopping)));
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SlotWorkerService), ServiceLifecycleStage.Active, _ => Task.CompletedTask, HandBackAsync);

    /// <summary>
    /// First thing on a graceful shutdown, while the cluster still answers: lease nothing more, interrupt the
    /// trials running here (each stops at its next batch with its last epoch checkpointed) and wait until they
    /// have handed their tickets back, so other silos (or this one after a restart) resume them at once.
    /// </summary>
    private async Task HandBackAsync(CancellationToken cancellation)
    {
        await _handingBack.CancelAsync();
        var running = board.Running;
        if (running.Count == 0) return;
        logger.LogInformation("Shutting down: handing back {Count} running trials", running.Count);
        foreach (var key in running)
        {
            try
            {
                await grains.GetGrain<ITrialGrain>(key).Interrupt();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not interrupt trial {Trial}; its lease will expire instead", key);
            }
        }
        // Until every trial has stopped and its slot has handed its ticket back (or completed its lease).
        await Task.WhenAny(Task.WhenAll(board.WhenAllFinished(), Task.WhenAll(_unsettled.Values)), Task.Delay(timings.Value.HandBack, cancellation));
    }

    private async Task RunSlotAsync(int slot, CancellationToken stopping)
    {
        var owner = SlotOwner.Of(silo.Name, slot);
        var queue = grains.WorkQueue();
        var wakeUp = new SlotWakeUp();
        var reference = grains.CreateObjectReference<ISlotObserver>(wakeUp);
        Guid? finished = null;
        var failures = new List<string>();
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                if (failures.Count >= options.Value.MaxConsecutiveFailures)
                {
                    var why = $"slot {slot} ({options.Value.Devices[slot]}) failed {failures.Count} trials in a row and stopped leasing; last: {failures[^1]}";
                    logger.LogError("Slot {Owner}: {Why}", owner, why);
                    health.Stop(slot, why);
                    if (finished is { } pending) await queue.Complete(pending);
                    finished = null;
                    await Task.Delay(Timeout.Infinite, stopping);
                }
                var lease = await queue.Lease(owner, reference, finished);
                finished = null;
                if (lease is null)
                {
                    // Woken the moment a ticket arrives; the poll interval only covers a lost wake-up.
                    await wakeUp.WaitAsync(options.Value.IdlePoll, stopping);
                    continue;
                }
                var release = await RunLeaseAsync(lease, slot, owner, stopping);
                finished = release?.LeaseToComplete;
                if (release?.Failure is { } failure) failures.Add(failure);
                else if (release is not null) failures.Clear();
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // A cluster hiccup must not kill the slot; the lease (if any) expires and is re-queued.
                logger.LogWarning(e, "Slot {Owner}: error while leasing or starting a trial; retrying", owner);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
        if (finished is { } last)
        {
            try { await queue.Complete(last); } catch (Exception) { /* it expires and is found stale instead */ }
        }
        grains.DeleteObjectReference<ISlotObserver>(reference);
    }

    /// <summary>
    /// Starts the trial grain on this silo (prefer-local placement with this silo as the hint). An activation that a
    /// read placed on another silo refuses and deactivates (<see cref="TrialPlacementException"/>); the call is retried
    /// until the activation is gone and the next one lands here.
    /// </summary>
    private async Task StartHereAsync(ITrialGrain trial, TrialLease lease, TrialSpec spec, int slot, CancellationToken stopping)
    {
        for (var attempt = 1; ; attempt++)
        {
            RequestContext.Set(IPlacementDirector.PlacementHintKey, silo.SiloAddress);
            try
            {
                await trial.Start(lease, spec, slot);
                return;
            }
            catch (TrialPlacementException) when (attempt < 20)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Min(attempt, 5)), stopping);
            }
            finally
            {
                RequestContext.Remove(IPlacementDirector.PlacementHintKey);
            }
        }
    }

    /// <summary>
    /// A call the slot makes while it holds a lease, asked again while the cluster reorganises (a silo died and the
    /// grain directory still points at it, a grain is being placed again) for up to <see cref="TransientPatience"/>;
    /// the lease is renewed meanwhile. Only then does the error reach the caller, which hands the ticket back.
    /// </summary>
    private async Task<T> PatientlyAsync<T>(Func<Task<T>> call, string owner, CancellationToken stopping)
    {
        var deadline = DateTime.UtcNow + TransientPatience;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException && DateTime.UtcNow < deadline && !stopping.IsCancellationRequested)
            {
                if (attempt == 1) logger.LogInformation("Slot {Owner}: the cluster does not answer yet ({Error}); asking again", owner, e.Message);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * Math.Min(attempt, 8)), stopping);
            }
        }
    }

    private static readonly TimeSpan TransientPatience = TimeSpan.FromSeconds(30);

    /// <returns>How the trial freed the slot (null when the silo is stopping).</returns>
    private async Task<SlotRelease?> RunLeaseAsync(TrialLease lease, int slot, string owner, CancellationToken stopping)
    {
        var key = lease.Ticket.AttemptKey;
        var trial = grains.GetGrain<ITrialGrain>(key);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The renewals run beside the start: whichever of "started" and "lost" comes second tells the trial.
        var gate = new object();
        bool started = false, lost = false;
        Task<SlotRelease>? done = null;
        SlotRelease? result = null;
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _unsettled[lease.LeaseId] = settled.Task;
        _ = RenewAsync(lease, owner, ended.Task, onLost: async () =>
        {
            bool tell;
            lock (gate) { lost = true; tell = started; }
            if (tell) await trial.LoseLease();
        });
        try
        {
            result = await TrainAsync();
            if (result is { HandBack: true, Lease: { } handBack }) await grains.WorkQueue().Release(handBack);
            return result;
        }
        finally
        {
            // On a shutdown the slot stops waiting but the trial is still stopping: its lease is renewed and then
            // settled as it says, in the background (the shutdown waits for that, see HandBackAsync).
            if (result is null && done is not null) _ = SettleAfterStopAsync(done, Settle, owner, key);
            else Settle();
        }

        void Settle()
        {
            ended.TrySetResult();
            _unsettled.TryRemove(lease.LeaseId, out _);
            settled.TrySetResult();
        }

        async Task<SlotRelease?> TrainAsync()
        {
            var queue = grains.WorkQueue();
            TrialSpec? spec;
            try
            {
                spec = await PatientlyAsync(() => grains.GetGrain<ISweepGrain>(lease.Ticket.SweepId).GetTrialSpec(lease.Ticket, owner), owner, stopping);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // Not started: the ticket goes back at once rather than when its lease expires (which would count).
                logger.LogWarning("Slot {Owner}: could not get the spec of trial {Trial} ({Error}); handing the ticket back", owner, key, e.Message);
                return new SlotRelease(lease.LeaseId, null, HandBack: true);
            }
            if (spec is null)
            {
                // Stale ticket (the trial finished, was paused, or a later attempt took over).
                return new SlotRelease(lease.LeaseId, null);
            }
            if (Volatile.Read(ref lost))
            {
                logger.LogWarning("Slot {Owner}: the lease of trial {Trial} was lost before it started; not starting it", owner, key);
                return new SlotRelease(null, null);
            }

            done = board.Register(key);
            try
            {
                await PatientlyAsync(async () => { await StartHereAsync(trial, lease, spec, slot, stopping); return true; }, owner, stopping);
            }
            catch (Exception e) when (e is TrialPlacementException or OrleansException or TimeoutException)
            {
                // Still active elsewhere after every retry, or the cluster still does not answer: hand the ticket back
                // rather than hold it until the lease expires (an attempt that ran, for the retry count). A start that
                // did arrive after all trains a stale attempt, whose first report the sweep answers with "abandon".
                board.Finish(key);
                logger.LogWarning("Slot {Owner}: could not start trial {Trial} ({Error}); handing the ticket back", owner, key, e.Message);
                return new SlotRelease(lease.LeaseId, null, HandBack: true);
            }
            catch
            {
                board.Finish(key);
                throw;
            }
            logger.LogInformation("Slot {Owner} runs trial {Trial} attempt {Attempt}", owner, key, lease.Ticket.Attempt);
            bool tell;
            lock (gate) { started = true; tell = lost; }
            if (tell) await trial.LoseLease();

            // Busy until the trial grain frees the slot; the watchdog covers a trial grain lost with its silo's directory entry.
            while (!done.IsCompleted)
            {
                await Task.WhenAny(done, Task.Delay(options.Value.Watchdog, stopping));
                // The silo is stopping: don't hold the shutdown up. The hand-back (or deactivation) interrupts the
                // trial, which keeps its last checkpoint and returns its ticket.
                if (stopping.IsCancellationRequested) return null;
                if (done.IsCompleted) break;
                try
                {
                    if (!await trial.IsRunning()) board.Finish(key);
                }
                catch (Exception e)
                {
                    logger.LogDebug(e, "Slot {Owner}: could not reach trial {Trial}", owner, key);
                }
            }
            return await done;
        }
    }

    /// <summary>
    /// After a shutdown stopped the slot: waits (at most the hand-back time) for the trial to stop, then hands its ticket back
    /// or completes its lease as the trial says; the lease is renewed until then.
    /// </summary>
    private async Task SettleAfterStopAsync(Task<SlotRelease> trialEnded, Action settled, string owner, string key)
    {
        try
        {
            var release = await trialEnded.WaitAsync(timings.Value.HandBack);
            if (release.Lease is { } id)
            {
                var queue = grains.WorkQueue();
                await (release.HandBack ? queue.Release(id) : queue.Complete(id));
            }
        }
        catch (Exception e)
        {
            // The cluster may be going down with us: the lease expires and the trial is queued again anyway.
            logger.LogWarning("Slot {Owner}: could not hand trial {Trial} back ({Error}); its lease will expire instead", owner, key, e.Message);
        }
        finally
        {
            settled();
        }
    }

    /// <summary>
    /// Renews <paramref name="lease"/> every renew interval until <paramref name="ended"/>. A queue that does not
    /// answer (it is being placed again after its silo died) is asked again at the next interval: a lease lasts four.
    /// A refusal means the lease is gone (expired or withdrawn): <paramref name="onLost"/>, once, and no more renewals.
    /// </summary>
    private async Task RenewAsync(TrialLease lease, string owner, Task ended, Func<Task> onLost)
    {
        var queue = grains.WorkQueue();
        var interval = queueOptions.Value.RenewInterval;
        var unanswered = false;
        while (true)
        {
            if (await Task.WhenAny(ended, Task.Delay(interval)) == ended) return;
            bool renewed;
            try
            {
                renewed = await queue.Renew(lease.LeaseId);
            }
            catch (Exception e)
            {
                if (!unanswered) logger.LogInformation("Slot {Owner}: the work queue does not answer ({Error}); renewing again in {Interval}", owner, e.Message, interval);
                unanswered = true;
                continue;
            }
            if (unanswered) logger.LogInformation("Slot {Owner}: the work queue answers again", owner);
            unanswered = false;
            if (renewed) continue;
            if (ended.IsCompleted) return;
            logger.LogWarning("Slot {Owner}: the lease of trial {Trial} was lost (expired or withdrawn)", owner, lease.Ticket.AttemptKey);
            try
            {
                await onLost();
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Slot {Owner}: could not stop trial {Trial} after its lease was lost", owner, lease.Ticket.AttemptKey);
            }
            return;
        }
    }
}
