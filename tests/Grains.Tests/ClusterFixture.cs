using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Snnsweep.Grains.Trials;

namespace Snnsweep.Grains.Tests;

/// <summary>
/// Two in-process silos, one CPU slot each, memory storage (that fails a write on demand), the fake trainer, 3 s leases: short enough for the expiry
/// test, long enough that renewals every few hundred milliseconds survive a loaded machine running every test project.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMemoryGrainStorage("memory");
            silo.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>(SnnsweepStorage.Name,
                (services, _) => new FaultyStorage(services.GetRequiredKeyedService<Orleans.Storage.IGrainStorage>("memory")));
            silo.UseInMemoryReminderService();
            silo.AddSnnsweepGrains(slots => { slots.Devices = ["cpu"]; slots.IdlePoll = TimeSpan.FromMilliseconds(100); slots.Watchdog = TimeSpan.FromSeconds(2);
                    // Tests fail trials on purpose; these slots serve every test and must never give up (FailingSlotTests has its own).
                    slots.MaxConsecutiveFailures = int.MaxValue; },
                queue => queue.LeaseDuration = TimeSpan.FromSeconds(3));
            silo.Services.AddSingleton<ITrialRunner, FakeTrialRunner>();
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
