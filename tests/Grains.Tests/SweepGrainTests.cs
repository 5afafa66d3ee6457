using Microsoft.Extensions.DependencyInjection;
using Snnsweep.Contracts;

namespace Snnsweep.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SweepGrainTests(ClusterFixture fixture)
{
    private ISweepGrain NewSweep(out string id)
    {
        id = $"sweep-{Guid.NewGuid():N}";
        return fixture.Grains.GetGrain<ISweepGrain>(id);
    }

    [Fact]
    public async Task A_sweep_runs_its_budget_with_every_trial_completed_exactly_once()
    {
        var sweep = NewSweep(out var id);

        await sweep.Create(SweepSpecs.Small(trials: 6, parallel: 2));
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete");

        Assert.Equal(6, done.Trials.Length);
        Assert.All(done.Trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
        Assert.All(done.Trials, t => Assert.Equal([1, 2, 3], t.Curve.Select(e => e.Epoch)));
        Assert.All(done.Trials, t => Assert.Single(t.History, h => h.What == "completed"));
        Assert.Equal(done.Trials.MaxBy(t => t.Metrics["valAccuracy"])!.Number, done.Best);
        // Six distinct configurations: the sampler never proposed a duplicate.
        Assert.Equal(6, done.Trials.Select(t => t.Parameters["lr"]).Distinct().Count());
        var queue = await fixture.Grains.GetGrain<IWorkQueueGrain>("default").GetState();
        Assert.DoesNotContain(queue.Leased, l => l.Ticket.SweepId == id);
        Assert.DoesNotContain(queue.Queued, t => t.SweepId == id);
    }

    [Fact]
    public async Task Creating_the_same_sweep_twice_is_a_no_op_and_an_invalid_spec_names_its_field()
    {
        var sweep = NewSweep(out _);
        await sweep.Create(SweepSpecs.Small(trials: 1, parallel: 1));
        await sweep.Create(SweepSpecs.Small(trials: 1, parallel: 1));

        var other = NewSweep(out _);
        var error = await Assert.ThrowsAsync<SweepSpecException>(() => other.Create(SweepSpecs.Small() with { Sampler = "annealing" }));

        Assert.Equal("sampler", error.Field);
        Assert.Contains("annealing", error.Message);
        Assert.Single((await sweep.GetSnapshot()).Trials);
    }

    [Fact]
    public void A_refused_spec_crosses_the_wire_with_its_field()
    {
        var serializer = fixture.Cluster.Client.ServiceProvider.GetRequiredService<Orleans.Serialization.Serializer>();

        var copy = serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(new SweepSpecException("trials", "0 is outside 1..100000")));

        var refused = Assert.IsType<SweepSpecException>(copy);
        Assert.Equal("trials", refused.Field);
        Assert.Equal("trials: 0 is outside 1..100000", refused.Message);
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("..")]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("/etc")]
    public async Task The_sweep_grain_itself_refuses_an_id_that_is_not_a_plain_folder_name(string id)
    {
        var sweep = fixture.Grains.GetGrain<ISweepGrain>(id);

        var error = await Assert.ThrowsAsync<SweepSpecException>(() => sweep.Create(SweepSpecs.Small(trials: 1, parallel: 1)));

        Assert.Equal("name", error.Field);
        Assert.Null((await sweep.GetSnapshot()).Spec);
        Assert.DoesNotContain(id, await fixture.Grains.GetGrain<ISweepIndexGrain>("default").List());
    }

    [Fact]
    public async Task The_sweeps_preset_reaches_every_trial_and_the_best_trials_resolved_configuration_reaches_best_config_json()
    {
        var sweep = NewSweep(out var id);

        await sweep.Create(SweepSpecs.Small(trials: 3, parallel: 2) with { Preset = "paper" });
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete");

        var best = done.Trials.Single(t => t.Number == done.Best);
        Assert.NotNull(done.BestConfig);
        Assert.Equal("paper", done.BestConfig["preset"]);
        Assert.Equal(best.Parameters["lr"], done.BestConfig["lr"]);
        Assert.Equal("4", done.BestConfig["T"]);
        var file = BestConfiguration.FromJson(BestConfiguration.From(done)!.ToJson(), "best-config.json");
        Assert.Equal("paper", file.Preset);
        Assert.Equal(done.BestConfig, file.Config);
        Assert.Equal(file.Config, file.RecordedSettings().Where(kv => kv.Key != "seed").ToDictionary());
        Assert.Equal("7", file.RecordedSettings()["seed"]);
        Assert.Equal(id, file.Sweep);
    }

    [Fact]
    public async Task A_spec_stored_without_a_preset_is_the_fast_preset()
    {
        var stored = SweepSpecs.Small() with { Preset = null! };

        Assert.Equal("fast", stored.EffectivePreset);
        Assert.Equal("fast", SweepSpecs.Small().Preset);
        Assert.True(SweepSpecValidator.SameSpec(stored, SweepSpecs.Small()));
        Assert.False(SweepSpecValidator.SameSpec(SweepSpecs.Small() with { Preset = "paper" }, SweepSpecs.Small()));
        var sweep = NewSweep(out _);
        await sweep.Create(stored with { Trials = 1, Parallelism = 1 });
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete");
        Assert.Equal("fast", done.BestConfig!["preset"]);
    }

    [Fact]
    public async Task Stale_and_repeated_outcome_reports_are_ignored()
    {
        var sweep = NewSweep(out var id);
        await sweep.Create(SweepSpecs.Small(trials: 1, parallel: 1, epochs: 2));
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete");
        var recorded = done.Trials[0];

        // A presumed-dead slot comes back with an old attempt, and the current attempt reports twice.
        var bogus = new TrialOutcome(TrialOutcomeKind.Completed, new() { ["valAccuracy"] = 0.01 }, null, 0, []);
        await sweep.ReportOutcome(new TrialTicket(id, 0, recorded.Attempt - 1), bogus);
        await sweep.ReportOutcome(new TrialTicket(id, 0, recorded.Attempt), bogus);
        var decision = await sweep.ReportEpoch(new TrialTicket(id, 0, recorded.Attempt), new EpochReport(3, 1, 0.5, 4, 1));

        var after = (await sweep.GetSnapshot()).Trials[0];
        Assert.Equal(recorded.Metrics["valAccuracy"], after.Metrics["valAccuracy"]);
        Assert.Equal(recorded.Curve.Length, after.Curve.Length);
        Assert.Equal(EpochDecision.Abandon, decision);
    }

    [Fact]
    public async Task Asha_prunes_weak_trials_and_lets_the_best_finish()
    {
        var sweep = NewSweep(out _);

        await sweep.Create(SweepSpecs.Small(trials: 9, parallel: 2, epochs: 4, pruner: "asha"));
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete", seconds: 90);

        Assert.Contains(done.Trials, t => t.Status == TrialStatus.Pruned);
        Assert.All(done.Trials.Where(t => t.Status == TrialStatus.Pruned), t => Assert.True(t.EpochsDone < 4));
        var best = done.Trials.Single(t => t.Number == done.Best);
        Assert.Equal(TrialStatus.Completed, best.Status);
        Assert.Equal(4, best.EpochsDone);
    }

    [Fact]
    public async Task With_a_grace_period_asha_judges_trials_first_at_that_epoch()
    {
        var sweep = NewSweep(out _);

        // One trial at a time: which trials meet at a rung then depends on the sampled order only, not on timing.
        await sweep.Create(SweepSpecs.Small(trials: 9, parallel: 1, epochs: 4, pruner: "asha") with { GracePeriod = 3 });
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete", seconds: 90);

        // Rungs at 3 and 9: 9 is past the 4 epochs, so a pruned trial stopped exactly at its first rung.
        Assert.Contains(done.Trials, t => t.Status == TrialStatus.Pruned);
        Assert.All(done.Trials.Where(t => t.Status == TrialStatus.Pruned), t => Assert.Equal(3, t.EpochsDone));
    }

    [Fact]
    public async Task A_grace_period_beyond_the_epochs_is_refused_by_name_and_a_stored_spec_without_one_is_the_same_sweep()
    {
        var sweep = NewSweep(out _);
        var e = await Assert.ThrowsAsync<SweepSpecException>(() => sweep.Create(SweepSpecs.Small(epochs: 3) with { GracePeriod = 4 }));
        Assert.Equal("gracePeriod", e.Field);
        Assert.StartsWith("gracePeriod: 4 is outside 1..3", e.Message);

        await sweep.Create(SweepSpecs.Small(epochs: 3));
        // What a sweep stored before the field existed reads back (0) counts as the default of 1.
        Assert.True(SweepSpecValidator.SameSpec(SweepSpecs.Small(epochs: 3) with { GracePeriod = 0 }, SweepSpecs.Small(epochs: 3)));
        await sweep.Create(SweepSpecs.Small(epochs: 3) with { GracePeriod = 1 });
        Assert.False(SweepSpecValidator.SameSpec(SweepSpecs.Small(epochs: 3) with { GracePeriod = 2 }, SweepSpecs.Small(epochs: 3)));
    }

    [Fact]
    public async Task Stop_pauses_running_trials_and_resume_continues_them_from_their_checkpoints()
    {
        var sweep = NewSweep(out var id);
        await sweep.Create(SweepSpecs.Small(trials: 2, parallel: 2, epochs: 30));
        await SweepSpecs.WaitFor(sweep, s => s.Trials.Count(t => t.EpochsDone >= 2) == 2, "both trials to finish two epochs");

        await sweep.Stop();
        var stopped = await SweepSpecs.WaitFor(sweep, s => s.Trials.All(t => t.Status == TrialStatus.Paused), "both trials to pause");
        var queue = await fixture.Grains.GetGrain<IWorkQueueGrain>("default").GetState();
        Assert.DoesNotContain(queue.Queued, t => t.SweepId == id);
        Assert.Equal(SweepStatus.Stopped, stopped.Status);

        await sweep.Resume();
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete after resume", seconds: 90);

        Assert.All(done.Trials, t => Assert.Equal(Enumerable.Range(1, 30), t.Curve.Select(e => e.Epoch)));
        var restarts = FakeTrialRunner.Starts.Where(s => s.Trial.StartsWith(id, StringComparison.Ordinal) && s.ResumedFrom > 0).ToArray();
        Assert.Equal(2, restarts.Length);
        Assert.All(restarts, r => Assert.True(r.ResumedFrom >= 2, $"{r.Trial} resumed from epoch {r.ResumedFrom}"));
    }

    [Fact]
    public async Task Extending_the_budget_of_a_completed_sweep_runs_more_trials()
    {
        var sweep = NewSweep(out _);
        await sweep.Create(SweepSpecs.Small(trials: 2, parallel: 2, epochs: 1));
        await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete");

        await sweep.ExtendBudget(2);
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed && s.Trials.Length == 4, "four trials");

        Assert.All(done.Trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
    }

    [Fact]
    public async Task A_trial_that_throws_is_retried_then_marked_failed_with_its_message_and_the_sweep_goes_on()
    {
        var sweep = NewSweep(out var id);
        FakeTrialRunner.FailAlways[id] = true;

        await sweep.Create(SweepSpecs.Small(trials: 2, parallel: 1, retries: 1));
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete");

        Assert.All(done.Trials, t => Assert.Equal(TrialStatus.Failed, t.Status));
        Assert.All(done.Trials, t => Assert.Contains("bad data in trial", t.Error));
        Assert.All(done.Trials, t => Assert.Equal(1, t.Attempt));
        Assert.Null(done.Best);
    }

    [Fact]
    public async Task A_deterministic_failure_is_failed_at_once_without_spending_its_retries()
    {
        var sweep = NewSweep(out var id);
        FakeTrialRunner.Diverge[id] = true;

        await sweep.Create(SweepSpecs.Small(trials: 1, parallel: 1, retries: 3));
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete");

        var trial = done.Trials.Single();
        Assert.Equal(TrialStatus.Failed, trial.Status);
        Assert.Equal(0, trial.Attempt);
        Assert.Contains("diverged", trial.Error);
        Assert.Contains(trial.History, h => h.What.StartsWith("failed, not retried", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Attempts_that_end_without_a_result_alone_on_their_silo_count_as_failures_and_the_trial_fails_after_its_retries()
    {
        // The fixture's slot leases attempt 0 and trains it; the test then plays the queue re-issuing the ticket
        // after the lease of a process that died: first with other trials on the silo (not counted: any of them may
        // have killed it), then twice alone on its silo, each time with no report of the attempt before.
        var sweep = NewSweep(out var id);
        await sweep.Create(SweepSpecs.Small(trials: 1, parallel: 1, epochs: 400, retries: 1));
        await SweepSpecs.WaitFor(sweep, s => s.Trials.Single().EpochsDone >= 1, "attempt 0 to train");

        var second = await sweep.GetTrialSpec(new TrialTicket(id, 0, 1) { RunAlone = true }, "silo-that-will-die/0");
        var afterShared = (await sweep.GetSnapshot()).Trials.Single();
        var third = await sweep.GetTrialSpec(new TrialTicket(id, 0, 2) { RunAlone = true, LostAlone = true }, "another-silo/0");
        var afterAlone = (await sweep.GetSnapshot()).Trials.Single();
        var fourth = await sweep.GetTrialSpec(new TrialTicket(id, 0, 3) { RunAlone = true, LostAlone = true }, "a-third-silo/0");
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete");

        Assert.NotNull(second);
        Assert.Contains(afterShared.History, h => h.What.StartsWith("attempt 0 on ", StringComparison.Ordinal) && h.What.Contains("not counted"));
        Assert.NotNull(third);
        Assert.Equal(TrialStatus.Running, afterAlone.Status);
        Assert.Contains(afterAlone.History, h => h.What.StartsWith("attempt 1 on ", StringComparison.Ordinal) && h.What.Contains("1 of 2 attempts used"));
        Assert.Null(fourth);
        var trial = done.Trials.Single();
        Assert.Equal(TrialStatus.Failed, trial.Status);
        Assert.Contains("probably killed", trial.Error);
        Assert.Contains("2 attempts ended without a result", trial.Error);
        var queue = await fixture.Grains.GetGrain<IWorkQueueGrain>("default").GetState();
        Assert.DoesNotContain(queue.Leased, l => l.Ticket.SweepId == id);
    }

    [Fact]
    public async Task A_sampler_that_cannot_propose_while_trials_run_never_shrinks_the_budget()
    {
        // One configuration only, two parallel places: the second proposal meets the first pending (the sampler
        // and the random fallback both refuse); the budget of three must still be run, one trial at a time.
        var sweep = NewSweep(out _);
        const string single = """{"parameters":[{"type":"categorical","name":"lr","choices":[0.01]}]}""";

        await sweep.Create(SweepSpecs.Small(trials: 3, parallel: 2) with { SpaceJson = single, Sampler = "gp" });
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete");

        Assert.Equal(3, done.Trials.Length);
        Assert.All(done.Trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
    }

    [Fact]
    public async Task A_result_whose_write_fails_is_not_acknowledged_until_it_is_stored()
    {
        // The first write that records a completed trial fails. The sweep must not answer the trial's retried report
        // from memory: once everything is reloaded from storage, the result is there.
        var sweep = NewSweep(out var id);
        FaultyStorage.FailOnce[id] = state => state is Sweeps.TrialRecord { Status: TrialStatus.Completed };

        // Retries to spare: on a loaded machine an attempt may lose its 3 s lease, and this test is about the write.
        await sweep.Create(SweepSpecs.Small(trials: 1, parallel: 1, retries: 4));
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete");
        Assert.False(FaultyStorage.FailOnce.ContainsKey(id), "no write of a completed trial was made (so none failed); the trial: " +
            string.Join(" | ", done.Trials.Single().History.Select(h => h.What)));

        // The activation whose write failed may still answer from memory for a moment; storage is what counts.
        var grain = GrainId.Create("sweep", id);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Sweeps.SweepState stored;
        while ((stored = await FaultyStorage.ReadAsync<Sweeps.SweepState>(fixture.Cluster, "sweep", grain)).Status != SweepStatus.Completed
               && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        var trial = await FaultyStorage.ReadAsync<Sweeps.TrialRecord>(fixture.Cluster, Sweeps.TrialRecordStore.StateName(0), grain);
        Assert.Equal(SweepStatus.Completed, stored.Status);
        Assert.Equal(1, stored.TrialCount);
        Assert.Equal(TrialStatus.Completed, trial.Status);
        Assert.Single(trial.History, h => h.What == "completed");
    }

    [Fact]
    public async Task Each_save_writes_the_trials_it_changed_and_a_small_sweep_state_not_the_trial_table()
    {
        // Per-event storage cost must not grow with the sweep: the sweep's own state never carries the trials, and
        // a report writes its trial (plus, at most, the trial it queued in its place).
        var sweep = NewSweep(out var id);
        var writes = FaultyStorage.Writes[id] = new();

        await sweep.Create(SweepSpecs.Small(trials: 8, parallel: 2, epochs: 3));
        await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete");
        FaultyStorage.Writes.TryRemove(id, out _);

        var log = writes.ToArray();
        var saves = log.Where(w => w.StateName == "sweep").Select(w => (Sweeps.SweepState)w.State).ToArray();
        Assert.NotEmpty(saves);
        Assert.All(saves, s => Assert.Empty(s.Trials));
        var trialsPerSave = new List<int>();
        var run = 0;
        foreach (var (name, _) in log)
        {
            if (name == "sweep") { trialsPerSave.Add(run); run = 0; }
            else run++;
        }
        Assert.InRange(trialsPerSave.Max(), 1, 2);
        Assert.Equal(Enumerable.Range(0, 8).Select(Sweeps.TrialRecordStore.StateName).ToHashSet(),
            log.Where(w => w.StateName != "sweep").Select(w => w.StateName).ToHashSet());
        Assert.Equal(8, saves[^1].TrialCount);
    }

    [Fact]
    public async Task A_sweep_stored_with_its_whole_trial_table_in_one_state_loads_and_is_then_stored_per_trial()
    {
        // What earlier versions wrote: every trial inside the sweep's state. It must still open, and move out on its next save.
        var sweep = NewSweep(out var id);
        var grain = GrainId.Create("sweep", id);
        var spec = SweepSpecs.Small(trials: 2, parallel: 1, epochs: 1);
        var legacy = new Sweeps.SweepState
        {
            Spec = spec, Status = SweepStatus.Completed, Budget = 2, CreatedAt = DateTime.UtcNow, Version = 7,
            Trials = Enumerable.Range(0, 2).Select(n => new Sweeps.TrialRecord
            {
                Number = n, Status = TrialStatus.Completed, Parameters = new() { ["lr"] = $"0.0{n + 1}" },
                Metrics = new() { ["valAccuracy"] = 0.5 + n / 10.0 }, Curve = [new EpochReport(1, 1, 0.5 + n / 10.0, 4, 0.1)],
            }).ToList(),
        };
        await FaultyStorage.WriteAsync(fixture.Cluster, "sweep", grain, legacy);

        var before = await sweep.GetSnapshot();
        await sweep.ExtendBudget(1);
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed && s.Trials.Length == 3, "the extra trial to complete");

        Assert.Equal([0, 1], before.Trials.Select(t => t.Number));
        Assert.Equal(1, before.Best);
        Assert.Equal(TrialStatus.Completed, done.Trials[2].Status);
        var stored = await FaultyStorage.ReadAsync<Sweeps.SweepState>(fixture.Cluster, "sweep", grain);
        Assert.Empty(stored.Trials);
        Assert.Equal(3, stored.TrialCount);
        var first = await FaultyStorage.ReadAsync<Sweeps.TrialRecord>(fixture.Cluster, Sweeps.TrialRecordStore.StateName(0), grain);
        Assert.Equal("0.01", first.Parameters["lr"]);
    }

    [Fact]
    public async Task A_slot_keeps_its_lease_while_the_sweep_grain_takes_longer_than_a_lease_to_hand_out_the_trial()
    {
        // The sweep grain's answer to the slot's spec request is held up for two lease durations (its write is slow,
        // as when it is moving to another silo). The slot renews the lease meanwhile, so the first attempt trains and
        // completes: no expiry, no second attempt, nothing counted as a failure.
        var sweep = NewSweep(out var id);
        FaultyStorage.DelayOnce[id] = (state => state is Sweeps.TrialRecord { Status: TrialStatus.Running }, TimeSpan.FromSeconds(6));

        await sweep.Create(SweepSpecs.Small(trials: 1, parallel: 1, retries: 3));
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete");

        Assert.False(FaultyStorage.DelayOnce.ContainsKey(id), "the spec request was never slowed");
        var trial = done.Trials.Single();
        var history = string.Join(" | ", trial.History.Select(h => h.What));
        Assert.True(trial.Status == TrialStatus.Completed && trial.Attempt == 0, history);
        Assert.DoesNotContain(trial.History, h => h.What.Contains("without a result", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trial_written_by_a_save_that_failed_before_the_sweep_counted_it_is_replaced_by_the_next_one()
    {
        // The save that adds trial 1 writes its record, then fails on the sweep's own state. The reloaded sweep counts
        // one trial and proposes trial 1 again: its record must take the place of the one left behind.
        var sweep = NewSweep(out var id);
        FaultyStorage.FailOnce[id] = state => state is Sweeps.SweepState { TrialCount: 2 };

        await sweep.Create(SweepSpecs.Small(trials: 3, parallel: 1, epochs: 1));
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete");

        Assert.False(FaultyStorage.FailOnce.ContainsKey(id), "the save counting trial 1 never failed");
        Assert.Equal([0, 1, 2], done.Trials.Select(t => t.Number));
        Assert.All(done.Trials, t => Assert.Single(t.History, h => h.What == "completed"));
    }
}
