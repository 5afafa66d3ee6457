namespace Snnsweep.Tests.ClusterFixtures;

/// <summary>The chaos experiment's size; the defaults are the benchmark's (the test runs a smaller one).</summary>
public sealed record ChaosOptions
{
    public int Silos { get; init; } = 3;

    public int SlotsPerSilo { get; init; } = 2;

    public int Trials { get; init; } = 60;

    public int Epochs { get; init; } = 10;

    public TimeSpan EpochTime { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the killer SIGKILLs a random silo (and starts it again at once).</summary>
    public TimeSpan KillEvery { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The trial that kills its own process on every attempt.</summary>
    public int PoisonTrial { get; init; } = 7;

    /// <summary>
    /// Retries per trial: every attempt a kill ends counts, so this is also how many kills one trial survives; the
    /// poison trial dies this many times plus one.
    /// </summary>
    public int MaxRetries { get; init; } = 3;

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Seeds the sampler and the killer's choice of silo.</summary>
    public int Seed { get; init; } = 1;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(15);
}
