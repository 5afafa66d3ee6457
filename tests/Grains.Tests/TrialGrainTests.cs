using Snnsweep.Contracts;

namespace Snnsweep.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class TrialGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_interrupted_trial_hands_its_ticket_back_and_resumes_from_its_checkpoint()
    {
        var id = $"sweep-{Guid.NewGuid():N}";
        var sweep = fixture.Grains.GetGrain<ISweepGrain>(id);
        await sweep.Create(SweepSpecs.Small(trials: 1, parallel: 1, epochs: 25));
        await SweepSpecs.WaitFor(sweep, s => s.Trials.Single().EpochsDone >= 3, "three epochs");

        await fixture.Grains.GetGrain<ITrialGrain>(TrialTicket.AttemptKeyOf(id, 0, 0)).Interrupt();
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete", seconds: 90);

        var trial = done.Trials.Single();
        Assert.Equal(1, trial.Attempt);
        Assert.Contains(trial.History, h => h.What == "attempt 0 interrupted");
        Assert.Contains(trial.History, h => h.What.StartsWith("attempt 1 resumed from the checkpoint of epoch", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, 25), trial.Curve.Select(e => e.Epoch));
    }

    [Fact]
    public async Task A_read_of_a_trial_that_runs_nowhere_leaves_no_activation_behind()
    {
        var trial = fixture.Grains.GetGrain<ITrialGrain>(TrialTicket.AttemptKeyOf($"sweep-{Guid.NewGuid():N}", 0, 0));
        var management = fixture.Grains.GetGrain<IManagementGrain>(0);

        Assert.Empty(await trial.GetLog());
        Assert.False(await trial.IsRunning());

        // Gone once idle, so a slot of any silo later starts the trial where the slot is.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (await management.GetActivationAddress(trial) is not null && DateTime.UtcNow < deadline) await Task.Delay(100);
        Assert.Null(await management.GetActivationAddress(trial));
    }

    [Fact]
    public async Task A_trial_activated_on_another_silo_than_the_slot_that_leased_it_refuses_to_train_and_steps_aside()
    {
        var ticket = new TrialTicket($"sweep-{Guid.NewGuid():N}", 0, 0);
        var key = ticket.TrialKey;
        var trial = fixture.Grains.GetGrain<ITrialGrain>(ticket.AttemptKey);
        var lease = new TrialLease(Guid.NewGuid(), ticket, "a-silo-elsewhere/0", DateTime.UtcNow.AddMinutes(1));
        var spec = new TrialSpec(ticket.SweepId, 0, "baseline", "demo", new Dictionary<string, string>(), Epochs: 3, Seed: 1);

        var refused = await Assert.ThrowsAsync<TrialPlacementException>(() => trial.Start(lease, spec, 0));

        Assert.Contains("a-silo-elsewhere/0", refused.Message);
        Assert.DoesNotContain(FakeTrialRunner.Starts, s => s.Trial == key);
        Assert.False(await trial.IsRunning());
    }
}
