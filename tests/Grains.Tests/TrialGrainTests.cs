using Snnsweep.Grains.Contracts;

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

        await fixture.Grains.GetGrain<ITrialGrain>($"{id}/0").Interrupt();
        var done = await SweepSpecs.WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete", seconds: 90);

        var trial = done.Trials.Single();
        Assert.Equal(1, trial.Attempt);
        Assert.Contains(trial.History, h => h.What == "attempt 0 interrupted");
        Assert.Contains(trial.History, h => h.What.StartsWith("attempt 1 resumed from the checkpoint of epoch", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, 25), trial.Curve.Select(e => e.Epoch));
    }
}
