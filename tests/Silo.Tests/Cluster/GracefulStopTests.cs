using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Snnsweep.Silo.Cli;
using Spectre.Console;

namespace Snnsweep.Silo.Tests.Cluster;

/// <summary>
/// SIGTERM to the real executable running a local sweep, with its trial mid-epoch: it exits promptly without a stack
/// trace, and the same command again resumes the trial from the batch it stopped at, ending as an uninterrupted run.
/// </summary>
public sealed class GracefulStopTests : IDisposable
{
    private static readonly string SharedDataRoot = Path.Combine(Path.GetTempPath(), "snnsweep-tests-data");
    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-sigterm-").FullName;
    private string? _sweepFolder;

    [Fact]
    public async Task Sigterm_stops_a_local_sweep_within_30_s_without_a_stack_trace_and_the_rerun_resumes_at_the_batch_and_matches_an_uninterrupted_run()
    {
        // The sweep id names the trials' folder on the shared data root: one of this run's own.
        var id = $"stopped-{Guid.NewGuid():N}";
        _sweepFolder = Path.Combine(SharedDataRoot, "sweeps", id);
        var output = Path.Combine(_folder, id);
        // 1,024 samples in batches of 32: an epoch is 32 batches, so a stop lands between two batches.
        var arguments = "sweep --method baseline --dataset demo --trials 1 --parallel 1 --epochs 6 --sampler random --pruner none " +
            "--seed 9 --set data.trainSamples=1024 --set T=2 --set model.layers=4C3-AP2-AP2 --set batchSize=32 " +
            $"--out \"{output}\" --data-root \"{SharedDataRoot}\"";
        var checkpoint = Path.Combine(SharedDataRoot, "sweeps", id, "trial-0", "checkpoint.bin");

        var (first, firstOutput) = Start(arguments);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (!File.Exists(checkpoint) && !first.HasExited && DateTime.UtcNow < deadline) await Task.Delay(50);
        Assert.False(first.HasExited, "the sweep ended before it could be stopped: " + firstOutput);
        await Task.Delay(300); // into the next epoch
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", $"-TERM {first.Id}")) await kill.WaitForExitAsync();
        var exited = first.WaitForExit(TimeSpan.FromSeconds(30));
        clock.Stop();
        if (!exited) first.Kill(entireProcessTree: true);
        first.WaitForExit();

        Assert.True(exited, $"still running 30 s after SIGTERM: {firstOutput}");
        Assert.DoesNotContain("   at ", firstOutput.ToString());
        Assert.Contains("interrupted", firstOutput.ToString());

        var (second, secondOutput) = Start(arguments);
        Assert.True(second.WaitForExit(TimeSpan.FromMinutes(4)), "the rerun did not finish: " + secondOutput);
        second.WaitForExit();
        Assert.True(second.ExitCode == 0, secondOutput.ToString());
        using var trial = JsonDocument.Parse(File.ReadAllText(Path.Combine(SharedDataRoot, "sweeps", id, "trial-0", "result.json")));
        var resumedEpoch = trial.RootElement.GetProperty("resumedFromEpoch").GetInt32();
        var resumedBatch = trial.RootElement.GetProperty("resumedFromBatch").GetInt32();
        Assert.True(resumedEpoch >= 1 || resumedBatch > 0, "the rerun started from scratch");

        // The uninterrupted run: train the best configuration the sweep recorded, from scratch.
        var retrained = Path.Combine(_folder, "uninterrupted");
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(text) });
        var trainArgs = new TrainVerb.Arguments(null, null, null, null, [], retrained, null, "cpu", SharedDataRoot, false, Path.Combine(output, "best-config.json"));
        Assert.True(await TrainVerb.RunAsync(trainArgs, console, CancellationToken.None) == 0, text.ToString());
        using var uninterrupted = JsonDocument.Parse(File.ReadAllText(Path.Combine(retrained, "result.json")));
        Assert.Equal(uninterrupted.RootElement.GetProperty("valAccuracy").GetDouble(), trial.RootElement.GetProperty("valAccuracy").GetDouble());
        Assert.Equal(uninterrupted.RootElement.GetProperty("testAccuracy").GetDouble(), trial.RootElement.GetProperty("testAccuracy").GetDouble());
    }

    private static (Process Process, StringBuilder Output) Start(string arguments) => ExecutableRun.Start(arguments);

    public void Dispose()
    {
        foreach (var folder in new[] { _folder, _sweepFolder })
        {
            try { if (folder is not null) Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
