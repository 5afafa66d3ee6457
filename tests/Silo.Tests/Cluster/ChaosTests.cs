using Snnsweep.Contracts;
using Xunit.Abstractions;

namespace Snnsweep.Silo.Tests.Cluster;

/// <summary>
/// The chaos experiment, short: three silo processes on a real redis-server, a killer that SIGKILLs a random one
/// every few seconds and starts it again, and a poison trial that kills whichever silo runs it. The benchmark
/// (bench/cluster/chaos.sh) runs the same experiment at 60 trials.
/// </summary>
public sealed class ChaosTests(ITestOutputHelper output)
{
    [RedisFact]
    public async Task Under_a_killer_and_a_poison_trial_every_other_trial_completes_once_and_only_killed_silos_lose_work()
    {
        using var redis = new RedisServer();
        // A smaller sweep and a shorter lease than the benchmark's (the test's only substitutions), so it runs in minutes.
        var options = new ChaosOptions
        {
            Trials = 16,
            Epochs = 5,
            EpochTime = TimeSpan.FromMilliseconds(400),
            KillEvery = TimeSpan.FromSeconds(8),
            PoisonTrial = 2,
            MaxRetries = 2,
            LeaseDuration = TimeSpan.FromSeconds(5),
            Timeout = TimeSpan.FromMinutes(8),
        };

        var report = await ChaosExperiment.RunAsync(options, redis.ConnectionString, output.WriteLine);

        var story = string.Join("\n", report.Describe());
        output.WriteLine(story);
        Assert.True(report.Kills >= 2, "the killer struck less than twice:\n" + story);
        Assert.Equal(options.Trials - 1, report.Completed);
        Assert.Empty(report.Lost);
        Assert.Empty(report.Duplicates);
        Assert.Equal(TrialStatus.Failed, report.PoisonStatus);
        // Its retries plus one counted attempts, each alone on its silo, after at most one first attempt beside others.
        Assert.InRange(report.PoisonAttempts, options.MaxRetries + 1, options.MaxRetries + 2);
        Assert.Equal(report.PoisonAttempts, report.PoisonDeaths);
        Assert.Contains("killed", report.PoisonError, StringComparison.Ordinal);
        Assert.Empty(report.RedoneBeyondKills);
        Assert.Empty(report.LostOnSurvivors);
        Assert.Equal(0, report.LeftLeased);
        Assert.Equal(0, report.LeftQueued);
        Assert.True(report.Holds, story);
    }
}
