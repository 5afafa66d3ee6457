using Snnsweep.Grains.Contracts;

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
        var error = await Assert.ThrowsAsync<ArgumentException>(() => other.Create(SweepSpecs.Small() with { Sampler = "annealing" }));

        Assert.Contains("sampler", error.Message);
        Assert.Contains("annealing", error.Message);
        Assert.Single((await sweep.GetSnapshot()).Trials);
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

        var error = await Assert.ThrowsAsync<ArgumentException>(() => sweep.Create(SweepSpecs.Small(trials: 1, parallel: 1)));

        Assert.Contains("name", error.Message);
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
        var file = Sweeps.BestConfiguration.FromJson(Sweeps.BestConfiguration.From(done)!.ToJson(), "best-config.json");
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
        Assert.True(Grains.Sweeps.SweepSpecValidator.SameSpec(stored, SweepSpecs.Small()));
        Assert.False(Grains.Sweeps.SweepSpecValidator.SameSpec(SweepSpecs.Small() with { Preset = "paper" }, SweepSpecs.Small()));
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
        var e = await Assert.ThrowsAsync<ArgumentException>(() => sweep.Create(SweepSpecs.Small(epochs: 3) with { GracePeriod = 4 }));
        Assert.StartsWith("gracePeriod: 4 is outside 1..3", e.Message);

        await sweep.Create(SweepSpecs.Small(epochs: 3));
        // What a sweep stored before the field existed reads back (0) counts as the default of 1.
        Assert.True(Grains.Sweeps.SweepSpecValidator.SameSpec(SweepSpecs.Small(epochs: 3) with { GracePeriod = 0 }, SweepSpecs.Small(epochs: 3)));
        await sweep.Create(SweepSpecs.Small(epochs: 3) with { GracePeriod = 1 });
        Assert.False(Grains.Sweeps.SweepSpecValidator.SameSpec(SweepSpecs.Small(epochs: 3) with { GracePeriod = 2 }, SweepSpecs.Small(epochs: 3)));
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
    public async Task Attempts_that_end_without_a_result_count_as_failures_and_the_trial_fails_after_its_retries()
    {
        // The fixture's slot leases attempt 0 and trains it; the test then plays the queue re-issuing the ticket
        // after the lease of a process that died: attempts 1 and 2 are leased with no report of the one before.
        var sweep = NewSweep(out var id);
        await sweep.Create(SweepSpecs.Small(trials: 1, parallel: 1, epochs: 400, retries: 1));
        await SweepSpecs.WaitFor(sweep, s => s.Trials.Single().EpochsDone >= 1, "attempt 0 to train");

        var second = await sweep.GetTrialSpec(new TrialTicket(id, 0, 1), "silo-that-will-die");
        var afterSecond = (await sweep.GetSnapshot()).Trials.Single();
        var third = await sweep.GetTrialSpec(new TrialTicket(id, 0, 2), "another-silo");
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete");

        Assert.NotNull(second);
        Assert.Equal(TrialStatus.Running, afterSecond.Status);
        Assert.Contains(afterSecond.History, h => h.What.StartsWith("attempt 0 on ", StringComparison.Ordinal) && h.What.Contains("ended without a result"));
        Assert.Null(third);
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
        FaultyStorage.FailOnce[id] = state => state is Sweeps.SweepState s && s.Trials.Any(t => t.Status == TrialStatus.Completed);

        await sweep.Create(SweepSpecs.Small(trials: 1, parallel: 1));
        await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete");
        Assert.False(FaultyStorage.FailOnce.ContainsKey(id), "no write failed");

        // The activation whose write failed may still answer from memory for a moment; storage is what counts.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Sweeps.SweepState stored;
        while ((stored = await FaultyStorage.ReadAsync<Sweeps.SweepState>(fixture.Cluster, "sweep", GrainId.Create("sweep", id))).Status != SweepStatus.Completed
               && DateTime.UtcNow < deadline)
            await Task.Delay(100);
        Assert.Equal(SweepStatus.Completed, stored.Status);
        Assert.Equal(TrialStatus.Completed, stored.Trials.Single().Status);
        Assert.Single(stored.Trials.Single().History, h => h.What == "completed");
    }
}
