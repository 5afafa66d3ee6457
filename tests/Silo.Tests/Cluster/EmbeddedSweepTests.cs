using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Snnsweep.Contracts;
using Snnsweep.Silo.Cli;
using Snnsweep.Silo.Hosting;
using Spectre.Console;

namespace Snnsweep.Silo.Tests.Cluster;

public sealed class EmbeddedSweepTests : IDisposable
{
    // Demo frames are cached here across test runs; everything else is per test.
    private static readonly string SharedDataRoot = Path.Combine(Path.GetTempPath(), "snnsweep-tests-data");
    private static readonly string[] TinySettings = ["data.trainSamples=64", "T=2", "model.layers=4C3-AP2-AP2", "batchSize=32"];
    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-sweep-").FullName;
    private readonly StringWriter _text = new();

    private IAnsiConsole Console(TextWriter? to = null) => AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(to ?? _text) });

    private const string LearningRateSpace = """{"parameters":[{"type":"float","name":"lr","low":0.001,"high":0.01,"log":true}]}""";

    /// <summary>One CPU slot, a database of this test's own and the shared frame cache, without the console chatter.</summary>
    private SiloSettings ClusterSettings() => new()
    {
        DataRoot = SharedDataRoot,
        DatabasePath = Path.Combine(_folder, "cluster.db"),
        Slots = ["cpu"],
        Urls = "http://127.0.0.1:0",
        Quiet = true,
    };

    [Fact]
    public async Task A_local_sweep_writes_its_results_and_train_reproduces_the_best_trial()
    {
        var output = Path.Combine(_folder, "sweep");
        var args = new SweepVerb.Arguments("baseline", "demo", Trials: 3, Parallel: 2, "random", "none", "accuracy", Seed: 5, Epochs: 2,
            SpaceFile: null, TinySettings, output, Cluster: null, Retries: 0, SharedDataRoot);

        var exit = await SweepVerb.RunAsync(args, Console(), CancellationToken.None);

        Assert.True(exit == 0, _text.ToString());
        using var board = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "leaderboard.json")));
        var trials = board.RootElement.GetProperty("trials").EnumerateArray().ToArray();
        Assert.Equal(3, trials.Length);
        Assert.All(trials, t => Assert.Equal("completed", t.GetProperty("status").GetString()));
        var accuracies = trials.Select(t => t.GetProperty("metrics").GetProperty("valAccuracy").GetDouble()).ToArray();
        Assert.Equal(accuracies.OrderByDescending(a => a), accuracies);

        var retrained = Path.Combine(_folder, "retrain");
        var trainArgs = new TrainVerb.Arguments(null, null, null, null, [], retrained, null, "cpu", SharedDataRoot, false, Path.Combine(output, "best-config.json"));
        Assert.Equal(0, await TrainVerb.RunAsync(trainArgs, Console(), CancellationToken.None));

        using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(retrained, "result.json")));
        Assert.Equal(accuracies[0], result.RootElement.GetProperty("valAccuracy").GetDouble(), 2);
    }

    [Fact]
    public async Task The_same_sweep_started_twice_refuses_the_second_at_once_with_the_file_and_the_holders_pid_and_the_first_completes()
    {
        var output = Path.Combine(_folder, "twice");
        var args = new SweepVerb.Arguments("baseline", "demo", Trials: 2, Parallel: 1, "random", "none", "accuracy", Seed: 5, Epochs: 1,
            SpaceFile: null, TinySettings, output, Cluster: null, Retries: 0, SharedDataRoot);
        var database = Path.Combine(output, "sweep.db");
        var first = SweepVerb.RunAsync(args, Console(), CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(File.Exists(database + ".lock") && new FileInfo(database + ".lock").Length > 0) && !first.IsCompleted && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.False(first.IsCompleted, "the first sweep ended before the second started: " + _text);

        var refusal = new StringWriter();
        var clock = Stopwatch.StartNew();
        var second = await SweepVerb.RunAsync(args, Console(refusal), CancellationToken.None);
        clock.Stop();

        Assert.Equal(2, second);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"refused after {clock.Elapsed}");
        var message = refusal.ToString().ReplaceLineEndings(" ");
        Assert.Contains("error:", message);
        Assert.Contains("sweep.db", message);
        Assert.Contains($"process {Environment.ProcessId}", message);
        Assert.DoesNotContain("   at ", message);
        Assert.False(first.IsCompleted, "the refusal ended the first sweep");

        Assert.True(await first == 0, _text.ToString());
        using (var board = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "leaderboard.json"))))
            Assert.All(board.RootElement.GetProperty("trials").EnumerateArray(), t => Assert.Equal("completed", t.GetProperty("status").GetString()));

        // The first has ended and released the lock: the same command starts again (and finds its sweep complete).
        var again = new StringWriter();
        Assert.True(await SweepVerb.RunAsync(args, Console(again), CancellationToken.None) == 0, again.ToString());
    }

    [Fact]
    public async Task An_embedded_silo_on_a_database_another_host_holds_is_refused_and_starts_once_it_is_released()
    {
        var settings = ClusterSettings() with { Dashboard = false };
        await using (var first = SiloHost.Build(settings with { SiloPort = LocalPorts.Free(), GatewayPort = LocalPorts.Free() }))
        {
            var refused = Assert.Throws<Snnsweep.Silo.Storage.StateFileInUseException>(() => SiloHost.Build(settings with { SiloPort = LocalPorts.Free(), GatewayPort = LocalPorts.Free() }));
            Assert.Contains(settings.DatabasePath!, refused.Message);
            Assert.Contains($"process {Environment.ProcessId}", refused.Message);
        }

        await using var next = SiloHost.Build(settings with { SiloPort = LocalPorts.Free(), GatewayPort = LocalPorts.Free() });
        await next.StartAsync();
        await next.StopAsync();
    }

    [Fact]
    public async Task A_restarted_cluster_resumes_its_sweep_from_the_trials_checkpoints()
    {
        var settings = ClusterSettings();
        var spec = new SweepSpec("baseline", "demo", LearningRateSpace,
            [new ObjectiveSpec("valAccuracy", true)], Trials: 1, Parallelism: 1, "random", "none", Seed: 3, Epochs: 12,
            new Dictionary<string, string> { ["data.trainSamples"] = "512", ["T"] = "2", ["model.layers"] = "4C3-AP2-AP2", ["batchSize"] = "32" }, MaxRetries: 0);
        var id = $"restart-{Guid.NewGuid():N}";

        await using (var first = SiloHost.Build(settings with { SiloPort = LocalPorts.Free(), GatewayPort = LocalPorts.Free() }))
        {
            await first.StartAsync();
            var sweep = first.Services.GetRequiredService<IGrainFactory>().GetGrain<ISweepGrain>(id);
            await sweep.Create(spec);
            await WaitFor(sweep, s => s.Trials.Length == 1 && s.Trials[0].EpochsDone >= 2, "two epochs before the restart");
            await first.StopAsync();
        }

        await using var second = SiloHost.Build(settings with { SiloPort = LocalPorts.Free(), GatewayPort = LocalPorts.Free() });
        await second.StartAsync();
        var resumed = second.Services.GetRequiredService<IGrainFactory>().GetGrain<ISweepGrain>(id);
        var done = await WaitFor(resumed, s => s.Status == SweepStatus.Completed, "the sweep to finish after the restart", seconds: 240);
        await second.StopAsync();

        var trial = done.Trials.Single();
        Assert.Equal(TrialStatus.Completed, trial.Status);
        Assert.Equal(Enumerable.Range(1, 12), trial.Curve.Select(e => e.Epoch));
        Assert.True(trial.Attempt >= 1, "the restart started a new attempt: " + string.Join(" | ", trial.History.Select(h => h.What)));
        Assert.Contains(trial.History, h => h.What.Contains("resumed from the checkpoint of epoch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_writes_the_best_configuration_and_the_trials_csv_of_a_running_clusters_sweep()
    {
        var gateway = LocalPorts.Free();
        var settings = ClusterSettings() with { Dashboard = false, SiloPort = LocalPorts.Free(), GatewayPort = gateway };
        var spec = new SweepSpec("baseline", "demo", LearningRateSpace,
            [new ObjectiveSpec("valAccuracy", true)], Trials: 2, Parallelism: 1, "random", "none", Seed: 4, Epochs: 1,
            new Dictionary<string, string> { ["data.trainSamples"] = "64", ["T"] = "2", ["model.layers"] = "4C3-AP2-AP2", ["batchSize"] = "32" }, MaxRetries: 0);
        var id = $"export-{Guid.NewGuid():N}";
        await using var silo = SiloHost.Build(settings);
        await silo.StartAsync();
        var sweep = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ISweepGrain>(id);
        await sweep.Create(spec);
        var done = await WaitFor(sweep, s => s.Status == SweepStatus.Completed, "the sweep to finish");
        var output = new StringWriter();
        var error = new StringWriter();

        var unknown = await ExportVerb.RunAsync(new ExportVerb.Arguments("no-such-sweep", Path.Combine(_folder, "x.json"), null, gateway), output, error, CancellationToken.None);
        var json = await ExportVerb.RunAsync(new ExportVerb.Arguments(id, Path.Combine(_folder, "best.json"), null, gateway), output, error, CancellationToken.None);
        var csv = await ExportVerb.RunAsync(new ExportVerb.Arguments(id, Path.Combine(_folder, "trials.csv"), null, gateway), output, error, CancellationToken.None);
        await silo.StopAsync();

        Assert.Equal(2, unknown);
        Assert.Contains("no sweep 'no-such-sweep'", error.ToString());
        Assert.Equal((0, 0), (json, csv));
        using var best = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "best.json")));
        Assert.Equal(done.Best, best.RootElement.GetProperty("trial").GetInt32());
        Assert.Equal(done.Trials[done.Best!.Value].Parameters["lr"], best.RootElement.GetProperty("settings").GetProperty("lr").GetString());
        Assert.Equal("dotnet run --project Silo -- train --config best.json", best.RootElement.GetProperty("command").GetString());
        var rows = File.ReadAllLines(Path.Combine(_folder, "trials.csv"));
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("trial,status,", rows[0]);
    }

    [Fact]
    public async Task Export_without_a_running_cluster_says_how_to_start_one()
    {
        var error = new StringWriter();

        var code = await ExportVerb.RunAsync(new ExportVerb.Arguments("any", Path.Combine(_folder, "x.json"), null, LocalPorts.Free()), new StringWriter(), error, CancellationToken.None);

        Assert.Equal(1, code);
        Assert.Contains("dotnet run --project Silo", error.ToString());
    }

    private static async Task<SweepSnapshot> WaitFor(ISweepGrain sweep, Func<SweepSnapshot, bool> condition, string what, int seconds = 180)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        SweepSnapshot snapshot;
        do
        {
            snapshot = await sweep.GetSnapshot();
            if (condition(snapshot)) return snapshot;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"waited {seconds} s for {what}: {string.Join("; ", snapshot.Trials.Select(t => $"{t.Number}:{t.Status}/a{t.Attempt}/e{t.EpochsDone} {string.Join(" | ", t.History.Select(h => h.What))}"))}");
    }

    public void Dispose()
    {
        _text.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
