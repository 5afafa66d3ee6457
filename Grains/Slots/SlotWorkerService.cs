using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Placement;
using Snnsweep.Grains.Contracts;

namespace Snnsweep.Grains.Slots;

/// <summary>
/// One worker per slot of this silo. An idle worker leases the next ticket and starts its trial grain from
/// here — hosted code, not a grain, so prefer-local placement activates the trial on this silo, where the
/// slot is — and stays busy until the trial's attempt ends. Pull-based: a slot never gets more than one
/// trial, and a dead silo simply stops renewing its leases.
/// </summary>
public sealed class SlotWorkerService(
    IGrainFactory grains,
    ILocalSiloDetails silo,
    SlotBoard board,
    IOptions<SlotOptions> options,
    ILogger<SlotWorkerService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Devices.Count).Select(slot => RunSlotAsync(slot, stoppingToken)));

    private async Task RunSlotAsync(int slot, CancellationToken stopping)
    {
        var owner = $"{silo.Name}/{slot}";
        var queue = grains.GetGrain<IWorkQueueGrain>("default");
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                var lease = await queue.Lease(owner);
                if (lease is null)
                {
                    await Task.Delay(options.Value.IdlePoll, stopping);
                    continue;
                }
                await RunLeaseAsync(lease, slot, owner, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // A cluster hiccup must not kill the slot; the lease (if any) expires and is re-queued.
                logger.LogWarning(e, "Slot {Owner}: error while leasing or starting a trial; retrying", owner);
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }

    private async Task RunLeaseAsync(TrialLease lease, int slot, string owner, CancellationToken stopping)
    {
        var queue = grains.GetGrain<IWorkQueueGrain>("default");
        var spec = await grains.GetGrain<ISweepGrain>(lease.Ticket.SweepId).GetTrialSpec(lease.Ticket, owner);
        if (spec is null)
        {
            // Stale ticket (the trial finished, was paused, or a later attempt took over).
            await queue.Complete(lease.LeaseId);
            return;
        }

        var key = lease.Ticket.TrialKey;
        var done = board.Register(key);
        var trial = grains.GetGrain<ITrialGrain>(key);
        RequestContext.Set(IPlacementDirector.PlacementHintKey, silo.SiloAddress);
        try
        {
            await trial.Start(lease, spec, slot);
        }
        catch
        {
            board.Finish(key);
            throw;
        }
        finally
        {
            RequestContext.Remove(IPlacementDirector.PlacementHintKey);
        }
        logger.LogInformation("Slot {Owner} runs trial {Trial} attempt {Attempt}", owner, key, lease.Ticket.Attempt);

        // Busy until the trial grain frees the slot; the watchdog covers a trial grain lost with its silo's directory entry.
        while (!done.IsCompleted)
        {
            await Task.WhenAny(done, Task.Delay(options.Value.Watchdog, CancellationToken.None));
            if (done.IsCompleted) break;
            try
            {
                if (!await trial.IsRunning()) board.Finish(key);
            }
            catch (Exception e) when (!stopping.IsCancellationRequested)
            {
                logger.LogDebug(e, "Slot {Owner}: could not reach trial {Trial}", owner, key);
            }
            catch (Exception)
            {
                board.Finish(key);
            }
        }
    }
}
