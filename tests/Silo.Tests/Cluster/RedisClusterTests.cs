using Snnsweep.Contracts;

namespace Snnsweep.Silo.Tests.Cluster;

/// <summary>
/// The cluster tier for real: silo processes of the actual executable, Redis for membership, grain state and
/// reminders, trials training on the demo data; silos are killed with SIGKILL mid-sweep.
/// </summary>
public sealed class RedisClusterTests : IAsyncLifetime
{
    private const int LeaseSeconds = 4;
    private static readonly string SharedDataRoot = Path.Combine(Path.GetTempPath(), "snnsweep-tests-data");
    private readonly List<SiloProcess> _silos = [];
    private RedisServer _redis = null!;
    private RedisClusterClient? _client;

    public async Task InitializeAsync()
    {
        _redis = new RedisServer();
        // Warm the demo frame cache once, so that three silos don't all simulate it at the same time.
        _ = new Trainer.Data.DatasetCatalog(SharedDataRoot).Open(new Trainer.Data.DatasetRequest("demo", 2, Trainer.Data.Frames.FrameSlicing.Time));
        await Task.CompletedTask;
    }

    private async Task StartSilosAsync(params string[] names)
    {
        var started = names.Select(name => new SiloProcess(name, _redis.ConnectionString, SharedDataRoot, slots: 2, LeaseSeconds)).ToArray();
        _silos.AddRange(started);
        foreach (var silo in started) await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
    }

    private async Task<IGrainFactory> ConnectAsync()
    {
        _client = await RedisClusterClient.ConnectAsync(_redis.ConnectionString);
        return _client.Grains;
    }

    // One retry: an attempt a kill ends counts as one that ended without a result when it ran alone on its silo (so a
    // trial that kills its own silo is failed after its retries); each trial here is killed at most once.
    private static SweepSpec Spec(int trials, int epochs) => new("baseline", "demo",
        """{"parameters":[{"type":"float","name":"lr","low":0.001,"high":0.01,"log":true}]}""",
        [new ObjectiveSpec("valAccuracy", true)], trials, Parallelism: 6, "sobol", "none", Seed: 9, epochs,
        new() { ["data.trainSamples"] = "256", ["T"] = "2", ["model.layers"] = "4C3-AP2-AP2" }, MaxRetries: 1);

    [RedisFact]
    public async Task A_sweep_survives_a_killed_silo_with_every_trial_completed_once_and_resumed_from_its_checkpoint()
    {
        await StartSilosAsync("silo-a", "silo-b", "silo-c");
        Assert.Equal(200, await _silos[0].LivenessStatusAsync());
        var grains = await ConnectAsync();
        var id = $"killed-{Guid.NewGuid():N}";
        var sweep = grains.GetGrain<ISweepGrain>(id);
        await sweep.Create(Spec(trials: 6, epochs: 5));

        // Kill silo-c once each of its trials has checkpointed an epoch.
        var before = await WaitFor(sweep, s => s.Trials.Count(t => t.Owner?.StartsWith("silo-c/", StringComparison.Ordinal) == true && t.EpochsDone >= 1) >= 2,
            "silo-c to run two trials past their first epoch");
        var victims = before.Trials.Where(t => t.Owner?.StartsWith("silo-c/", StringComparison.Ordinal) == true && t.Status == TrialStatus.Running).Select(t => t.Number).ToArray();
        _silos.Single(s => s.Name == "silo-c").Kill();

        var done = await WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete without silo-c", minutes: 8);

        var histories = string.Join("\n", done.Trials.Select(t => $"{t.Number}: " + string.Join(" | ", t.History.Select(h => $"{h.At:HH:mm:ss.fff} {h.What}"))));
        Assert.True(done.Trials.All(t => t.Status == TrialStatus.Completed), "not every trial completed:\n" + histories + "\n" + SlotAndTrialLines());
        Assert.All(done.Trials, t => Assert.Single(t.History, h => h.What == "completed"));
        Assert.All(done.Trials, t => Assert.Equal([1, 2, 3, 4, 5], t.Curve.Select(e => e.Epoch)));
        foreach (var number in victims)
        {
            var trial = done.Trials[number];
            Assert.True(trial.Attempt >= 1, $"trial {number} was re-leased after silo-c died");
            Assert.Contains(trial.History, h => h.What.Contains("resumed from the checkpoint of epoch", StringComparison.Ordinal));
            Assert.DoesNotContain("silo-c", trial.History.Last(h => h.What.Contains("leased by", StringComparison.Ordinal)).What);
        }
        var queue = await grains.GetGrain<IWorkQueueGrain>("default").GetState();
        Assert.DoesNotContain(queue.Leased, l => l.Ticket.SweepId == id);
    }

    [RedisFact]
    public async Task A_whole_cluster_killed_mid_sweep_resumes_the_sweep_when_it_comes_back()
    {
        await StartSilosAsync("silo-a", "silo-b");
        var grains = await ConnectAsync();
        var id = $"restart-{Guid.NewGuid():N}";
        var sweep = grains.GetGrain<ISweepGrain>(id);
        await sweep.Create(Spec(trials: 3, epochs: 5));
        await WaitFor(sweep, s => s.Trials.Count(t => t.EpochsDone >= 1) >= 2, "two trials past their first epoch");

        foreach (var silo in _silos) silo.Kill();
        await _client!.DisposeAsync();
        await StartSilosAsync("silo-d", "silo-e");
        grains = await ConnectAsync();
        sweep = grains.GetGrain<ISweepGrain>(id);

        var done = await WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete after the restart", minutes: 8);

        Assert.All(done.Trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
        Assert.Contains(done.Trials, t => t.History.Any(h => h.What.Contains("resumed from the checkpoint of epoch", StringComparison.Ordinal)));
        Assert.All(done.Trials, t => Assert.Equal([1, 2, 3, 4, 5], t.Curve.Select(e => e.Epoch)));
    }

    private Task<SweepSnapshot> WaitFor(ISweepGrain sweep, Func<SweepSnapshot, bool> condition, string what, double minutes = 4) =>
        SweepWait.UntilAsync(sweep, condition, what, SiloOutput, minutes);

    /// <summary>Every silo's lines about slots, trials and the queue (with the line before and after): what a failed trial's story needs.</summary>
    private string SlotAndTrialLines() => string.Join("\n---\n", _silos.Select(silo =>
    {
        var lines = silo.Output.Split('\n');
        var wanted = Enumerable.Range(0, lines.Length)
            .Where(i => lines[i].Contains("Slot ", StringComparison.Ordinal) || lines[i].Contains("Trial ", StringComparison.Ordinal) || lines[i].Contains("queue", StringComparison.Ordinal))
            .SelectMany(i => new[] { i - 1, i, i + 1 }).Where(i => i >= 0 && i < lines.Length).Distinct().Order();
        return silo.Name + ":\n" + string.Join("\n", wanted.Select(i => lines[i]));
    }));

    private string SiloOutput() => string.Join("\n---\n", _silos.Select(s => s.Name + ":\n" + string.Join("\n", s.Output.Split('\n').TakeLast(30))));

    public async Task DisposeAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync();
        }
        foreach (var silo in _silos) silo.Dispose();
        _redis.Dispose();
    }
}
