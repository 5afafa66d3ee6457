using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Snnsweep.Contracts;
using Snnsweep.Silo.Cli;
using Spectre.Console;

namespace Snnsweep.Silo.Tests.Cluster;

/// <summary>
/// The main job (the executable with no verb: the local cluster with the dashboard) stopped with SIGTERM while a sweep's
/// trial is mid-epoch: it exits within 30 s without a stack trace; started again, it resumes the trial from the batch it
/// stopped at, and the result equals an uninterrupted run of the exported configuration. Substituted: the ports (free
/// ones) and the database path (one of the test's, so the shared data root with the demo's frames serves other tests).
/// </summary>
public sealed class MainJobGracefulStopTests : IDisposable
{
    private static readonly string SharedDataRoot = Path.Combine(Path.GetTempPath(), "snnsweep-tests-data");
    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-main-sigterm-").FullName;
    private readonly int _gatewayPort = LocalPorts.Free();
    private readonly Dictionary<string, string> _environment;
    private string? _sweepFolder;

    public MainJobGracefulStopTests()
    {
        _environment = new Dictionary<string, string>
        {
            ["Snnsweep__DataRoot"] = SharedDataRoot,
            ["Snnsweep__DatabasePath"] = Path.Combine(_folder, "cluster.db"),
            ["Snnsweep__Urls"] = $"http://127.0.0.1:{LocalPorts.Free()}",
            ["Snnsweep__SiloPort"] = LocalPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Snnsweep__GatewayPort"] = _gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    [Fact]
    public async Task Sigterm_stops_the_main_job_within_30_s_without_a_stack_trace_and_its_restart_resumes_the_trial_at_the_batch_matching_an_uninterrupted_run()
    {
        var id = $"main-stopped-{Guid.NewGuid():N}";
        _sweepFolder = Path.Combine(SharedDataRoot, "sweeps", id);
        var checkpoint = Path.Combine(_sweepFolder, "trial-0", "checkpoint.bin");
        // 1,024 samples in batches of 32: an epoch is 32 batches, so the stop lands between two batches.
        var spec = new SweepSpec("baseline", "demo", """{"parameters":[{"type":"float","name":"lr","low":0.001,"high":0.01,"log":true}]}""",
            [new ObjectiveSpec("valAccuracy", true)], 1, Parallelism: 1, "random", "none", Seed: 9, 6,
            new() { ["data.trainSamples"] = "1024", ["T"] = "2", ["model.layers"] = "4C3-AP2-AP2", ["batchSize"] = "32" }, MaxRetries: 1);

        var (first, firstOutput) = Start();
        await WaitReadyAsync(first, firstOutput);
        await using (var client = await ConnectAsync())
            await client.Grains.GetGrain<ISweepGrain>(id).Create(spec);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!File.Exists(checkpoint) && !first.HasExited && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.True(File.Exists(checkpoint), "no epoch checkpoint: " + firstOutput);
        await Task.Delay(300); // into the next epoch
        using (var kill = Process.Start("kill", $"-TERM {first.Id}")) await kill.WaitForExitAsync();
        var exited = first.WaitForExit(TimeSpan.FromSeconds(30));
        if (!exited) first.Kill(entireProcessTree: true);
        first.WaitForExit();

        Assert.True(exited, $"still running 30 s after SIGTERM: {firstOutput}");
        Assert.False(firstOutput.ToString().Contains("   at ", StringComparison.Ordinal), "a stack trace on the way out:\n" + firstOutput);

        // The same command again: the start-up task wakes the sweep and the trial resumes where it stopped.
        var (second, secondOutput) = Start();
        try
        {
            await WaitReadyAsync(second, secondOutput);
            await using var client = await ConnectAsync();
            var sweep = client.Grains.GetGrain<ISweepGrain>(id);
            var done = await SweepDone(sweep, secondOutput);
            Assert.Equal(TrialStatus.Completed, done.Trials.Single().Status);
            Assert.Contains(done.Trials.Single().History, h => h.What.Contains("interrupted", StringComparison.Ordinal));

            using var trial = JsonDocument.Parse(File.ReadAllText(Path.Combine(_sweepFolder, "trial-0", "result.json")));
            var resumedEpoch = trial.RootElement.GetProperty("resumedFromEpoch").GetInt32();
            var resumedBatch = trial.RootElement.GetProperty("resumedFromBatch").GetInt32();
            Assert.True(resumedEpoch >= 1 || resumedBatch > 0, "the restart trained from scratch");

            // The uninterrupted run: the exported best configuration trained from scratch.
            var exported = Path.Combine(_folder, "best-config.json");
            Assert.Equal(0, await ExportVerb.RunAsync(new ExportVerb.Arguments(id, exported, null, _gatewayPort), TextWriter.Null, TextWriter.Null, CancellationToken.None));
            var retrained = Path.Combine(_folder, "uninterrupted");
            var text = new StringWriter();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(text) });
            var trainArgs = new TrainVerb.Arguments(null, null, null, null, [], retrained, null, "cpu", SharedDataRoot, false, exported);
            Assert.True(await TrainVerb.RunAsync(trainArgs, console, CancellationToken.None) == 0, text.ToString());
            using var uninterrupted = JsonDocument.Parse(File.ReadAllText(Path.Combine(retrained, "result.json")));
            Assert.Equal(uninterrupted.RootElement.GetProperty("valAccuracy").GetDouble(), trial.RootElement.GetProperty("valAccuracy").GetDouble());
            Assert.Equal(uninterrupted.RootElement.GetProperty("testAccuracy").GetDouble(), trial.RootElement.GetProperty("testAccuracy").GetDouble());
        }
        finally
        {
            if (!second.HasExited)
            {
                using var kill = Process.Start("kill", $"-TERM {second.Id}");
                await kill.WaitForExitAsync();
                if (!second.WaitForExit(TimeSpan.FromSeconds(30))) second.Kill(entireProcessTree: true);
            }
        }
    }

    private async Task<SweepSnapshot> SweepDone(ISweepGrain sweep, StringBuilder output)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        SweepSnapshot? snapshot = null;
        while (DateTime.UtcNow < deadline)
        {
            snapshot = await sweep.GetSnapshot();
            if (snapshot.Status == SweepStatus.Completed) return snapshot;
            await Task.Delay(300);
        }
        throw new TimeoutException($"the sweep did not complete after the restart ({snapshot?.Status}): {output}");
    }

    private Task WaitReadyAsync(Process process, StringBuilder output) =>
        Readiness.WaitAsync(process, $"{_environment["Snnsweep__Urls"]}/health/ready", () => { lock (output) return output.ToString(); }, "the main job", TimeSpan.FromMinutes(2));

    private async Task<ClusterClient> ConnectAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(_gatewayPort));
        var host = builder.Build();
        await host.StartAsync();
        return new ClusterClient(host);
    }

    /// <summary>An Orleans client host, stopped when disposed.</summary>
    private sealed class ClusterClient(IHost host) : IAsyncDisposable
    {
        public IGrainFactory Grains => host.Services.GetRequiredService<IGrainFactory>();

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    private (Process Process, StringBuilder Output) Start() => ExecutableRun.Start("", _environment);

    public void Dispose()
    {
        foreach (var folder in new[] { _folder, _sweepFolder })
        {
            try { if (folder is not null) Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
