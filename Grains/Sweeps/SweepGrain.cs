using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Orleans.Utilities;
using Snnsweep.Contracts;
using Snnsweep.Search.MultiObjective;

namespace Snnsweep.Grains.Sweeps;

/// <summary>
/// A sweep (see <see cref="ISweepGrain"/>). The trial table in its persisted state is the single source of
/// truth: the sampler and pruner are rebuilt from it on every activation, each trial's current attempt
/// decides whose reports count (so a result is recorded exactly once even when a presumed-dead slot comes
/// back), and a reminder wakes the sweep after a cluster restart.
/// </summary>
[GrainType("sweep")]
public sealed class SweepGrain(
    [PersistentState("sweep", SnnsweepStorage.Name)] IPersistentState<SweepState> state,
    IOptions<ClusterTimings> timings,
    IHostApplicationLifetime lifetime,
    ILogger<SweepGrain> logger) : Grain, ISweepGrain, IRemindable
{
    private const string WatchdogReminder = "watchdog";
    private readonly ObserverManager<ISweepObserver> _observers = new(timings.Value.ObserverExpiry, logger);
    private static readonly TimeSpan NotifyInterval = TimeSpan.FromMilliseconds(250);
    private SweepPlanner? _planner;
    private bool _proposalScheduled;
    private TrialRecordStore _trials = null!;
    private int _firstUnfinished;
    private DateTime _lastNotified;
    private IGrainTimer? _pendingNotification;
    // Tickets for the queue, sent once the save that records their trials has succeeded: a ticket must never name
    // a trial or attempt that storage does not have (a slot would find it stale and drop it, and the trial would
    // wait for the watchdog). A ticket lost after the save (the queue does not answer) is re-queued by Wake.
    private readonly List<TrialTicket> _unpublished = [];

    private string Id => this.GetPrimaryKeyString();

    private SweepState S => state.State;

    private SweepPlanner Planner => _planner ??= new SweepPlanner(S.Spec ?? throw new InvalidOperationException($"sweep {Id} has no spec"));

    private IWorkQueueGrain Queue => GrainFactory.WorkQueue();

    private IReadOnlyList<TrialRecord> Trials => _trials;

    /// <summary>
    /// The trials from the first unfinished one on. Every trial before it has finished, and a finished trial never runs
    /// again, so asking what is in flight walks the last few trials, not the whole sweep.
    /// </summary>
    private IEnumerable<TrialRecord> FromFirstUnfinished()
    {
        while (_firstUnfinished < _trials.Count && _trials[_firstUnfinished].IsFinished) _firstUnfinished++;
        for (var i = _firstUnfinished; i < _trials.Count; i++) yield return _trials[i];
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _trials = new TrialRecordStore(ServiceProvider.GetRequiredKeyedService<IGrainStorage>(SnnsweepStorage.Name), this.GetGrainId());
        if (S.Trials.Count > 0)
        {
            // Stored by an earlier version, the whole table in the sweep's state: from the next save on, one entry each.
            await _trials.AdoptAsync(S.Trials);
            S.Trials = [];
        }
        else
        {
            await _trials.LoadAsync(S.TrialCount);
        }
        // A new activation may follow a save that stopped half-way (trials written, the state that counts them not):
        // a trial already stored as finished ignores its retried report, so nothing else would refill or complete the
        // sweep before the watchdog. Wake does both, and re-queues what the queue does not hold.
        if (S.Spec is not null && S.Status == SweepStatus.Running) this.AsReference<ISweepGrain>().Wake().Ignore();
    }

    public async Task Create(SweepSpec spec)
    {
        // The id names a folder on the data root: the grain enforces the rule itself, whoever calls it.
        if (SweepIds.Problem(Id) is { } problem) throw new SweepSpecException("name", $"'{Id}' {problem}");
        if (S.Spec is not null)
        {
            if (SweepSpecValidator.SameSpec(S.Spec, spec)) return;
            throw new InvalidOperationException($"sweep {Id} already exists with another spec");
        }
        SweepSpecValidator.Validate(spec);
        S.Spec = spec;
        S.Status = SweepStatus.Running;
        S.Budget = spec.Trials;
        S.CreatedAt = DateTime.UtcNow;
        _planner = new SweepPlanner(spec);
        await GrainFactory.SweepIndex().Register(Id);
        await EnsureWatchdog();
        await Refill();
        await Save();
    }

    public Task<SweepSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public async Task Stop()
    {
        if (S.Status != SweepStatus.Running) return;
        S.Status = SweepStatus.Stopped;
        await Queue.Withdraw(Id);
        foreach (var trial in Trials.Where(t => t.Status is TrialStatus.Queued or TrialStatus.Running))
        {
            if (trial.Status == TrialStatus.Running) _ = InterruptQuietly(trial);
            _trials.Changed(trial);
            trial.Status = TrialStatus.Paused;
            trial.Owner = null;
            trial.Log("paused: sweep stopped");
        }
        await Save();
    }

    public async Task Resume()
    {
        if (S.Status != SweepStatus.Stopped) return;
        S.Status = SweepStatus.Running;
        var tickets = new List<TrialTicket>();
        foreach (var trial in Trials.Where(t => t.Status == TrialStatus.Paused))
        {
            _trials.Changed(trial);
            trial.Attempt++;
            trial.Status = TrialStatus.Queued;
            trial.Log($"queued again (attempt {trial.Attempt}): sweep resumed");
            tickets.Add(new TrialTicket(Id, trial.Number, trial.Attempt));
        }
        _unpublished.AddRange(tickets);
        await EnsureWatchdog();
        await Refill();
        await Save();
    }

    public async Task ExtendBudget(int additionalTrials)
    {
        if (additionalTrials < 1) throw new ArgumentOutOfRangeException(nameof(additionalTrials), additionalTrials, "extend by at least one trial");
        S.Budget += additionalTrials;
        if (S.Status == SweepStatus.Completed) S.Status = SweepStatus.Running;
        await EnsureWatchdog();
        await Refill();
        await Save();
    }

    public async Task<TrialSpec?> GetTrialSpec(TrialTicket ticket, string owner)
    {
        if (S.Spec is not { } spec || S.Status != SweepStatus.Running || ticket.Number < 0 || ticket.Number >= Trials.Count) return null;
        var trial = Trials[ticket.Number];
        if (trial.IsFinished || trial.Status == TrialStatus.Paused || ticket.Attempt < trial.Attempt) return null;
        _trials.Changed(trial);

        if (ticket.Attempt > trial.Attempt && trial.Status == TrialStatus.Running)
        {
            // The queue re-issued the ticket (its lease expired) while this trial still counts as running: the
            // attempt ended without any report, most likely with its process (killed, out of memory). Run alone on
            // its silo, that is a failure like any other, or a trial that kills its silo would kill every silo in
            // turn, for ever. A death that took other trials too counts for none of them (the queue runs each alone next).
            if (!ticket.LostAlone)
            {
                trial.Log($"attempt {trial.Attempt} on {trial.Owner} ended without a result (its lease expired) with other trials of its silo; not counted, the next attempt runs alone");
            }
            else
            {
                trial.Failures++;
                trial.Error = $"attempt {trial.Attempt} on {trial.Owner} ended without a result (its lease expired)";
                trial.Log($"{trial.Error}; {trial.Failures} of {spec.MaxRetries + 1} attempts used");
            }
            if (trial.Failures > spec.MaxRetries)
            {
                trial.Attempt = ticket.Attempt;
                trial.Status = TrialStatus.Failed;
                trial.Owner = null;
                trial.EndedAt = DateTime.UtcNow;
                trial.Error = $"{trial.Failures} attempts ended without a result: the process running this trial was probably killed " +
                    "(out of memory? batchSize x T too large for the device?)";
                trial.Log($"failed: {trial.Error}");
                await Refill();
                await Save();
                return null;
            }
        }

        trial.Attempt = ticket.Attempt;
        trial.Owner = owner;
        trial.Status = TrialStatus.Running;
        trial.StartedAt ??= DateTime.UtcNow;
        trial.Log($"attempt {ticket.Attempt} leased by {owner}");
        await Save();

        var settings = new Dictionary<string, string>(spec.Fixed);
        foreach (var (key, value) in trial.Parameters) settings[key] = value;
        return new TrialSpec(Id, trial.Number, spec.Method, spec.Dataset, settings, spec.Epochs, spec.Seed) { Preset = spec.EffectivePreset };
    }

    public async Task<EpochDecision> ReportEpoch(TrialTicket ticket, EpochReport report)
    {
        if (!IsCurrent(ticket, out var trial) || S.Status != SweepStatus.Running) return EpochDecision.Abandon;
        var index = trial.Curve.FindIndex(e => e.Epoch >= report.Epoch);
        if (index < 0) trial.Curve.Add(report);
        else if (trial.Curve[index].Epoch == report.Epoch) trial.Curve[index] = report;
        else trial.Curve.Insert(index, report);

        var prune = report.Epoch < S.Spec!.Epochs && Planner.ShouldPrune(Trials, trial.Number);
        if (prune) trial.Log($"pruned after epoch {report.Epoch}");
        await Save();
        return prune ? EpochDecision.Prune : EpochDecision.Continue;
    }

    public async Task ReportOutcome(TrialTicket ticket, TrialOutcome outcome)
    {
        // Exactly once: a stale attempt, or a second report of the current one, changes nothing.
        if (!IsCurrent(ticket, out var trial)) return;
        if (outcome.Curve.Length > 0) trial.Curve = outcome.Curve.ToList();
        if (outcome.ResumedFromEpoch > 0) trial.Log($"attempt {ticket.Attempt} resumed from the checkpoint of epoch {outcome.ResumedFromEpoch}");
        switch (outcome.Kind)
        {
            case TrialOutcomeKind.Completed:
                trial.Status = TrialStatus.Completed;
                trial.Metrics = new Dictionary<string, double>(outcome.Metrics);
                trial.Config = outcome.Config is { Count: > 0 } config ? new Dictionary<string, string>(config) : null;
                trial.EndedAt = DateTime.UtcNow;
                trial.Log("completed");
                break;
            case TrialOutcomeKind.Pruned:
                trial.Status = TrialStatus.Pruned;
                trial.EndedAt = DateTime.UtcNow;
                break;
            case TrialOutcomeKind.Failed:
                trial.Failures++;
                trial.Error = outcome.Error;
                if (outcome.Deterministic)
                {
                    trial.Status = TrialStatus.Failed;
                    trial.EndedAt = DateTime.UtcNow;
                    trial.Log($"failed, not retried (a retry would fail the same way): {outcome.Error}");
                }
                else if (trial.Failures <= S.Spec!.MaxRetries && S.Status == SweepStatus.Running)
                {
                    trial.Attempt++;
                    trial.Status = TrialStatus.Queued;
                    trial.Log($"failed ({outcome.Error}); retry {trial.Failures} of {S.Spec.MaxRetries} as attempt {trial.Attempt}");
                    _unpublished.Add(new TrialTicket(Id, trial.Number, trial.Attempt));
                }
                else
                {
                    trial.Status = TrialStatus.Failed;
                    trial.EndedAt = DateTime.UtcNow;
                    trial.Log($"failed: {outcome.Error}");
                }
                break;
            case TrialOutcomeKind.Interrupted:
                // Stopped sweep: paused. Otherwise the slot handed the ticket back and another will resume it.
                trial.Status = S.Status == SweepStatus.Stopped ? TrialStatus.Paused : TrialStatus.Queued;
                trial.Log($"attempt {ticket.Attempt} interrupted");
                break;
        }
        trial.Owner = trial.Status == TrialStatus.Running ? trial.Owner : null;
        await Refill();
        await Save();
    }

    public async Task Wake()
    {
        if (S.Spec is null || S.Status != SweepStatus.Running) return;
        // After a restart: whatever the queue no longer holds (an in-memory queue, a lost write) goes back.
        var view = await Queue.GetState();
        var held = view.Queued.Where(t => t.SweepId == Id).Select(t => t.Number)
            .Concat(view.Leased.Where(l => l.Ticket.SweepId == Id).Select(l => l.Ticket.Number)).ToHashSet();
        var lost = new List<TrialTicket>();
        foreach (var trial in Trials.Where(t => t.Status is TrialStatus.Queued or TrialStatus.Running && !held.Contains(t.Number)))
        {
            _trials.Changed(trial);
            trial.Attempt++;
            trial.Status = TrialStatus.Queued;
            trial.Owner = null;
            trial.Log($"re-queued as attempt {trial.Attempt}: its ticket was lost (cluster restart)");
            lost.Add(new TrialTicket(Id, trial.Number, trial.Attempt));
        }
        if (lost.Count > 0)
        {
            logger.LogInformation("Sweep {Sweep}: re-queued {Count} trials after a restart", Id, lost.Count);
            _unpublished.AddRange(lost);
        }
        await Refill();
        await Save();
    }

    public Task Subscribe(ISweepObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(ISweepObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != WatchdogReminder) return;
        if (S.Status is SweepStatus.Completed or SweepStatus.Stopped)
        {
            if (await this.GetReminder(WatchdogReminder) is { } reminder) await this.UnregisterReminder(reminder);
            return;
        }
        await Wake();
    }

    /// <summary>
    /// Fills one free parallel place (budget left) with the sampler's next proposal, and if more places are free asks
    /// itself for the next one in a turn of its own (<see cref="ProposeNext"/>): a proposal fits a model (a GP over
    /// every result so far), and the epoch reports, outcomes and spec requests of running trials must not wait behind
    /// a whole batch of them.
    /// </summary>
    private async Task Refill()
    {
        if (S.Status != SweepStatus.Running) return;
        if (HasFreePlace())
        {
            var history = Planner.History(Trials);
            var parameters = await Propose(history);
            if (parameters is null)
            {
                // Neither the sampler nor a random draw gave a configuration. With trials in flight that is the
                // space exhausted for this many parallel trials: fewer run at once, and the next outcome refills.
                // With none, nothing would ever refill: the budget ends here, and the log says why.
                if (!FromFirstUnfinished().Any(t => t.Status is TrialStatus.Queued or TrialStatus.Running))
                {
                    logger.LogWarning("Sweep {Sweep}: no configuration could be proposed with no trial running; the budget ends at {Count} trials", Id, Trials.Count);
                    S.Budget = Trials.Count;
                }
            }
            else
            {
                var trial = new TrialRecord { Number = Trials.Count, Status = TrialStatus.Queued, Parameters = parameters };
                trial.Log("queued");
                await _trials.AddAsync(trial);
                _unpublished.Add(new TrialTicket(Id, trial.Number, trial.Attempt));
                if (HasFreePlace() && !_proposalScheduled)
                {
                    _proposalScheduled = true;
                    this.AsReference<ISweepGrain>().ProposeNext().Ignore();
                }
            }
        }
        if (Trials.Count >= S.Budget && !FromFirstUnfinished().Any())
        {
            S.Status = SweepStatus.Completed;
            // Every result is in: drop the last leases now rather than when their slots next ask for work, so a
            // finished sweep leaves nothing leased behind.
            await Queue.Withdraw(Id);
        }
    }

    private bool HasFreePlace() =>
        S.Status == SweepStatus.Running && Trials.Count < S.Budget
        && FromFirstUnfinished().Count(t => t.Status is TrialStatus.Queued or TrialStatus.Running) < S.Spec!.Parallelism;

    public async Task ProposeNext()
    {
        _proposalScheduled = false;
        if (S.Spec is null || !HasFreePlace()) return;
        await Refill();
        await Save();
    }

    /// <summary>
    /// The sampler's proposal, or a random one when the sampler throws (a model that fails to fit must not end the
    /// sweep: the error is logged and the next proposal tries the sampler again); null when neither succeeds.
    /// </summary>
    private async Task<Dictionary<string, string>?> Propose(Search.Trials.TrialHistory history)
    {
        // Model fitting is CPU work: off the grain's scheduler, on an immutable history.
        var planner = Planner;
        var salt = Trials.Count;
        try
        {
            return await Task.Run(() => planner.Propose(history));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Sweep {Sweep}: the {Sampler} sampler failed to propose trial {Number}; drawing it at random", Id, S.Spec!.Sampler, salt);
        }
        try
        {
            return await Task.Run(() => planner.ProposeAtRandom(history, salt));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Sweep {Sweep}: no random configuration either for trial {Number}", Id, salt);
            return null;
        }
    }

    private bool IsCurrent(TrialTicket ticket, out TrialRecord trial)
    {
        trial = null!;
        if (S.Spec is null || ticket.Number < 0 || ticket.Number >= Trials.Count) return false;
        trial = Trials[ticket.Number];
        if (trial.IsFinished || ticket.Attempt != trial.Attempt) return false;
        // Every caller records something on the current attempt's trial.
        _trials.Changed(trial);
        return true;
    }

    private async Task InterruptQuietly(TrialRecord trial)
    {
        try
        {
            await GrainFactory.GetGrain<ITrialGrain>(TrialTicket.AttemptKeyOf(Id, trial.Number, trial.Attempt)).Interrupt();
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Could not interrupt trial {Number} of sweep {Sweep}; its lease was withdrawn anyway", trial.Number, Id);
        }
    }

    private async Task EnsureWatchdog()
    {
        try
        {
            await this.RegisterOrUpdateReminder(WatchdogReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
        catch (Exception e) when (e is InvalidOperationException or OrleansException)
        {
            // No reminder service (some test clusters): restarts are then woken by the silo's start-up task.
            logger.LogDebug(e, "Sweep {Sweep}: no reminder service", Id);
        }
    }

    private async Task Save()
    {
        S.Version++;
        S.TrialCount = _trials.Count;
        try
        {
            // The changed trials first, then the state that counts them (see TrialRecordStore).
            await _trials.WriteChangedAsync();
            await state.WriteStateAsync();
        }
        catch (Exception e)
        {
            // What is in memory is no longer what is stored (a stale ETag: another activation wrote; or a failed
            // write): drop this activation so the next call reloads the stored state, and let the caller retry
            // against it. Answering from memory could acknowledge a result that was never saved.
            logger.LogWarning("Sweep {Sweep}: its state could not be saved ({Error}); reloading it", Id, e.Message);
            _unpublished.Clear();
            DeactivateOnIdle();
            throw;
        }
        if (_unpublished.Count > 0)
        {
            try
            {
                await Queue.Enqueue(_unpublished.ToArray());
                _unpublished.Clear();
            }
            catch (Exception e)
            {
                // Saved, so nothing is lost: the next save sends them again, and Wake finds any trial still without a ticket.
                logger.LogWarning("Sweep {Sweep}: the work queue did not take {Count} tickets ({Error}); sending them again later", Id, _unpublished.Count, e.Message);
            }
        }
        NotifyObservers();
    }

    /// <summary>
    /// Sends watchers (the dashboard) the sweep at most every <see cref="NotifyInterval"/>: a snapshot holds every
    /// trial, and building one per report made a large sweep's cost grow with the square of its trials. The last
    /// change is always sent, by a one-shot timer when it came too soon after the one before.
    /// </summary>
    private void NotifyObservers()
    {
        if (_observers.Count == 0 || _pendingNotification is not null) return;
        var wait = _lastNotified + NotifyInterval - DateTime.UtcNow;
        if (wait <= TimeSpan.Zero)
        {
            SendSnapshot();
            return;
        }
        _pendingNotification = this.RegisterGrainTimer(() =>
        {
            _pendingNotification?.Dispose();
            _pendingNotification = null;
            SendSnapshot();
            return Task.CompletedTask;
        }, new GrainTimerCreationOptions { DueTime = wait, Period = Timeout.InfiniteTimeSpan });
    }

    private void SendSnapshot()
    {
        // A stopping silo sends watchers nothing: the lookups of their routes are cancelled with it, and Orleans logs
        // each as an error with a stack trace on the way down. They subscribe again (every ObserverRenewal) to the
        // sweep's next activation, which tells them every change from then on.
        if (lifetime.ApplicationStopping.IsCancellationRequested) return;
        _lastNotified = DateTime.UtcNow;
        var snapshot = Snapshot();
        _observers.Notify(o => o.OnSweepChanged(snapshot));
    }

    private SweepSnapshot Snapshot()
    {
        var trials = Trials.Select(t => t.ToSummary()).ToArray();
        int? best = null;
        int[] front = [];
        if (S.Spec is { } spec)
        {
            var scored = Trials.Where(t => t.Status == TrialStatus.Completed)
                .Select(t => (t.Number, Values: Planner.ObjectiveValues(t.Metrics)))
                .Where(x => x.Values is not null)
                .Select(x => (x.Number, Losses: x.Values!.Select((v, i) => spec.Objectives[i].Maximize ? -v : v).ToArray()))
                .ToArray();
            if (scored.Length > 0) best = scored.MinBy(x => x.Losses[0]).Number;
            if (spec.Objectives.Length > 1)
                front = [.. ParetoFront.NonDominatedIndices([.. scored.Select(x => (IReadOnlyList<double>)x.Losses)]).Select(i => scored[i].Number)];
        }
        var bestConfig = best is { } number && Trials[number].Config is { } config ? new Dictionary<string, string>(config) : null;
        return new SweepSnapshot(Id, S.Spec, S.Status, trials, best, front, S.CreatedAt, S.Version) { BestConfig = bestConfig };
    }
}
