using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Snnsweep.Common;
using Snnsweep.Contracts;
using Snnsweep.Grains.Slots;
using Snnsweep.Grains.Telemetry;

namespace Snnsweep.Grains.Trials;

/// <summary>
/// Runs one trial attempt on the slot of the silo it was activated on. The trainer runs on a dedicated thread
/// (never on this grain's scheduler); its epoch reports cross over through a channel that a grain timer drains,
/// forwarding them to the sweep (which may answer "prune"), and reporting the outcome once the thread ends. The
/// lease belongs to the slot worker that took it, not to this grain: the worker renews it (renewals then never wait on
/// this grain or the sweep) and settles it as this grain's end of the attempt says. When the silo shuts down, the
/// attempt is interrupted and its ticket handed back, so another slot resumes it from its last checkpoint.
/// </summary>
[PreferLocalPlacement]
[GrainType("trial")]
public sealed class TrialGrain(
    ITrialRunner runner,
    SlotBoard board,
    IOptions<SlotOptions> slots,
    IOptions<ClusterTimings> timings,
    SnnsweepMetrics metrics,
    ILocalSiloDetails silo,
    ILogger<TrialGrain> logger) : Grain, ITrialGrain
{
    private const int MaxLogLines = 500;
    private readonly List<string> _log = [];
    private readonly object _logGate = new();
    private TrialLease? _lease;
    private CancellationTokenSource? _cancellation;
    private Task<TrialOutcome>? _run;
    private Channel<EpochReport>? _reports;
    private IGrainTimer? _pump;
    private StopReason _stopReason;
    private readonly Queue<EpochReport> _unsent = new();
    private string? _unreachable;
    private TrialOutcome? _outcome;

    private enum StopReason { None, Pruned, Interrupted, LeaseLost }

    public Task Start(TrialLease lease, TrialSpec spec, int slot)
    {
        if (_run is { IsCompleted: false })
        {
            if (_lease?.LeaseId == lease.LeaseId) return Task.CompletedTask; // a retried call: already running
            throw new InvalidOperationException($"trial {lease.Ticket.TrialKey} is already running attempt {_lease?.Ticket.Attempt}");
        }

        // A trial trains only on the silo whose slot leased it: its device index is that slot's, and the slot waits on
        // this silo's board. An activation a read placed elsewhere steps aside; the slot's retry then places it locally.
        var leasedBy = SlotOwner.SiloOf(lease.Owner);
        if (!string.Equals(leasedBy, silo.Name, StringComparison.Ordinal))
        {
            // Unless it is still running an attempt of its own (which ends, and then goes idle).
            if (_pump is null) DeactivateOnIdle();
            throw new TrialPlacementException($"trial {lease.Ticket.TrialKey} is active on silo {silo.Name}, but slot {lease.Owner} leased it");
        }

        _lease = lease;
        _stopReason = StopReason.None;
        _unsent.Clear();
        _unreachable = null;
        _outcome = null;
        _cancellation = new CancellationTokenSource();
        _reports = Channel.CreateUnbounded<EpochReport>(new UnboundedChannelOptions { SingleReader = true });
        var device = slot < slots.Value.Devices.Count ? slots.Value.Devices[slot] : "cpu";
        var writer = _reports.Writer;
        var context = new TrialRunContext(device, report => writer.TryWrite(report), Log);
        var token = _cancellation.Token;
        Log($"attempt {lease.Ticket.Attempt} started on {lease.Owner} ({device})");

        // A thread of its own: TaskScheduler.Current is this grain's scheduler, and training takes minutes.
        _run = DedicatedThread.Run(() => runner.Run(spec, context, token), $"trial {lease.Ticket.TrialKey}");
        // When the thread ends, pump at once rather than at the next tick: the slot is idle until then.
        var self = this.AsReference<ITrialGrain>();
        _run.ContinueWith(_ => self.Pump(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _pump = this.RegisterGrainTimer(PumpAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.FromMilliseconds(200),
            Period = TimeSpan.FromMilliseconds(500),
            KeepAlive = true,
        });
        return Task.CompletedTask;
    }

    public Task Interrupt()
    {
        logger.LogInformation("Trial {Trial}: interrupt requested (running: {Running})", _lease?.Ticket.TrialKey, _run is { IsCompleted: false });
        Stop(StopReason.Interrupted);
        StepAsideIfIdle();
        return Task.CompletedTask;
    }

    public Task LoseLease()
    {
        if (_run is { IsCompleted: false })
        {
            Log("lease lost (expired or withdrawn); stopping this attempt");
            Stop(StopReason.LeaseLost);
        }
        return Task.CompletedTask;
    }

    public Task Pump() => _pump is null ? Task.CompletedTask : PumpAsync(CancellationToken.None);

    public Task<bool> IsRunning()
    {
        StepAsideIfIdle();
        return Task.FromResult(_run is { IsCompleted: false } || _pump is not null);
    }

    public Task<string[]> GetLog()
    {
        StepAsideIfIdle();
        lock (_logGate) return Task.FromResult(_log.ToArray());
    }

    /// <summary>
    /// An activation that never started an attempt was made by a read (the dashboard's log, Stop's interrupt, a
    /// watchdog) on whatever silo the caller's placement chose; it answers and goes, so it is never there when a slot
    /// of another silo starts the trial.
    /// </summary>
    private void StepAsideIfIdle()
    {
        if (_lease is null) DeactivateOnIdle();
    }

    private async Task PumpAsync(CancellationToken cancellation)
    {
        if (_pump is null) return; // the attempt already ended (a tick and a Pump call can both be queued)
        var lease = _lease!;
        var sweep = GrainFactory.GetGrain<ISweepGrain>(lease.Ticket.SweepId);
        // Read before draining: a finished run writes no more reports, so none can slip past the drain.
        var finished = _run!.IsCompleted;

        // A finished run's outcome carries the whole curve: its remaining reports need no round trips.
        var skipReports = finished && _run.IsCompletedSuccessfully && _run.Result.Curve.Length > 0;
        while (_reports!.Reader.TryRead(out var report))
        {
            _unsent.Enqueue(report);
            metrics.EpochTrained();
        }
        if (skipReports) _unsent.Clear();
        try
        {
            // Reports leave the buffer only once the sweep has them: one that cannot be reached (its silo died and
            // the grain is being placed again) gets them, in order, on a later tick, while training goes on.
            while (_unsent.TryPeek(out var report))
            {
                var decision = await sweep.ReportEpoch(lease.Ticket, report);
                _unsent.Dequeue();
                if (decision == EpochDecision.Prune) Stop(StopReason.Pruned);
                else if (decision == EpochDecision.Abandon) Stop(StopReason.Interrupted);
            }
            if (!finished)
            {
                Reachable();
                return;
            }

            if (_outcome is null)
            {
                _outcome = Outcome(_run!);
                metrics.AttemptEnded(_outcome.Kind);
                Log($"attempt {lease.Ticket.Attempt} ended: {_outcome.Kind}{(_outcome.Error is null ? "" : ": " + _outcome.Error)}");
            }
            await sweep.ReportOutcome(lease.Ticket, _outcome);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Unreachable($"sweep {lease.Ticket.SweepId}", e);
            return;
        }
        // The slot that leased the attempt settles its lease: an interrupted one's ticket goes back to the queue (a
        // no-op when the sweep withdrew it); a finished one's lease is completed together with leasing the next
        // ticket (one queue call, not two); a lost one has nothing left to settle.
        var interrupted = _outcome.Kind == TrialOutcomeKind.Interrupted;
        Guid? settle = interrupted || _stopReason != StopReason.LeaseLost ? lease.LeaseId : null;
        // A failure the slot may be to blame for counts against it; a deterministic one is the configuration's.
        var failure = _outcome is { Kind: TrialOutcomeKind.Failed, Deterministic: false } ? _outcome.Error ?? "failed" : null;
        EndAttempt(lease, new SlotRelease(settle, failure, HandBack: interrupted));
    }

    /// <summary>One line when a grain this trial reports to stops answering (not a stack trace every tick), one when it answers again.</summary>
    private void Unreachable(string what, Exception e)
    {
        if (_unreachable is not null) return;
        _unreachable = what;
        Log($"{what} does not answer ({e.GetType().Name}); training goes on and reports are kept until it does");
        logger.LogInformation("Trial {Trial}: {What} does not answer ({Error}); retrying", _lease?.Ticket.TrialKey, what, e.Message);
    }

    private void Reachable()
    {
        if (_unreachable is null) return;
        Log($"{_unreachable} answers again");
        _unreachable = null;
    }

    private TrialOutcome Outcome(Task<TrialOutcome> run)
    {
        if (run.IsCompletedSuccessfully) return run.Result;
        if (run.IsCanceled || run.Exception?.InnerException is OperationCanceledException)
        {
            var kind = _stopReason == StopReason.Pruned ? TrialOutcomeKind.Pruned : TrialOutcomeKind.Interrupted;
            return new TrialOutcome(kind, [], null, 0, []);
        }
        var error = run.Exception?.InnerException ?? run.Exception;
        logger.LogWarning(error, "Trial {Trial} failed", _lease?.Ticket.TrialKey);
        return new TrialOutcome(TrialOutcomeKind.Failed, [], $"{error?.GetType().Name}: {error?.Message}", 0, []);
    }

    private void Stop(StopReason reason)
    {
        if (_run is not { IsCompleted: false } || _stopReason != StopReason.None) return;
        _stopReason = reason;
        _cancellation?.Cancel();
    }

    private void EndAttempt(TrialLease lease, SlotRelease release = default)
    {
        _pump?.Dispose();
        _pump = null;
        _cancellation?.Dispose();
        _cancellation = null;
        board.Finish(lease.Ticket.AttemptKey, release);
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_lease is not { } lease || _pump is null) return;
        // Shutting down (or otherwise deactivated) mid-run: stop at the next batch, keep the last epoch's
        // checkpoint, and give the ticket back so another slot resumes it.
        Stop(StopReason.Interrupted);
        try
        {
            await _run!.WaitAsync(timings.Value.TrialStop, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            logger.LogWarning("Trial {Trial} did not stop within {Wait} of deactivation ({Reason})", lease.Ticket.TrialKey, timings.Value.TrialStop, reason.ReasonCode);
        }
        catch (Exception)
        {
            // The outcome is reported below; the run's own failure is not the deactivation's concern.
        }
        var release = default(SlotRelease);
        try
        {
            var sweep = GrainFactory.GetGrain<ISweepGrain>(lease.Ticket.SweepId);
            while (_unsent.TryDequeue(out var unsent)) await sweep.ReportEpoch(lease.Ticket, unsent);
            while (_reports!.Reader.TryRead(out var report)) await sweep.ReportEpoch(lease.Ticket, report);
            // Said before the ticket goes back (the slot hands it back once told below): an attempt the sweep still
            // sees running when its next attempt is leased counts as one that died without a result.
            var outcome = _run!.IsCompleted ? Outcome(_run) : new TrialOutcome(TrialOutcomeKind.Interrupted, [], null, 0, []);
            await sweep.ReportOutcome(lease.Ticket, outcome);
            release = new SlotRelease(lease.LeaseId, null, HandBack: outcome.Kind == TrialOutcomeKind.Interrupted);
        }
        catch (Exception e)
        {
            // The cluster may be going down with us; the lease then expires and the trial is re-queued anyway.
            logger.LogWarning(e, "Trial {Trial} could not report its interruption; its lease will expire instead", lease.Ticket.TrialKey);
        }
        EndAttempt(lease, release);
    }

    private void Log(string line)
    {
        lock (_logGate)
        {
            _log.Add($"{DateTime.UtcNow:HH:mm:ss} {line}");
            if (_log.Count > MaxLogLines) _log.RemoveRange(0, _log.Count - MaxLogLines);
        }
    }
}
