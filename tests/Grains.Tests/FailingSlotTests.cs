using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Snnsweep.Contracts;
using Snnsweep.Grains.Slots;
using Snnsweep.Grains.Trials;

namespace Snnsweep.Grains.Tests;

/// <summary>A slot that fails trial after trial stops leasing and says why; the work it would have failed stays queued.</summary>
public sealed class FailingSlotTests : IAsyncLifetime
{
    // A cluster of its own: one silo, one slot that gives up after two failures in a row (the shared fixture's slots
    // must keep running every other test's trials).
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage(SnnsweepStorage.Name);
            silo.UseInMemoryReminderService();
            silo.AddSnnsweepGrains(slots =>
            {
                slots.Devices = ["cpu"];
                slots.IdlePoll = TimeSpan.FromMilliseconds(100);
                slots.MaxConsecutiveFailures = 2;
            }, queue => queue.LeaseDuration = TimeSpan.FromSeconds(3));
            silo.Services.AddSingleton<ITrialRunner, FakeTrialRunner>();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task A_slot_that_fails_two_trials_in_a_row_stops_leasing_and_reports_why_while_the_next_trial_waits()
    {
        var id = $"sweep-{Guid.NewGuid():N}";
        FakeTrialRunner.FailAlways[id] = true;
        var sweep = _cluster.Client.GetGrain<ISweepGrain>(id);
        var health = _cluster.Silos[0].SiloHost.Services.GetRequiredService<SlotHealth>();

        await sweep.Create(SweepSpecs.Small(trials: 3, parallel: 1, retries: 0));
        await SweepSpecs.WaitFor(sweep, s => s.Trials.Count(t => t.Status == TrialStatus.Failed) == 2, "two failed trials");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (health.Stopped.Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        await Task.Delay(TimeSpan.FromSeconds(1)); // time enough for a slot that still leased to take the third trial

        var why = Assert.Single(health.Stopped).Value;
        Assert.Contains("failed 2 trials in a row", why);
        Assert.Contains("bad data in trial", why);
        var snapshot = await sweep.GetSnapshot();
        Assert.Equal(TrialStatus.Queued, snapshot.Trials.Single(t => t.Number == 2).Status);
        var counts = await _cluster.Client.GetGrain<IWorkQueueGrain>("default").GetCounts();
        Assert.Equal(new QueueCounts(1, 0), counts);
    }
}
