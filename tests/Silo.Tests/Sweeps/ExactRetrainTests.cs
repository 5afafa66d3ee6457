using System.Text.Json;
using Snnsweep.Silo.Cli;
using Snnsweep.Silo.Training;
using Spectre.Console;

namespace Snnsweep.Silo.Tests.Sweeps;

/// <summary>
/// Tests that set libtorch's process-wide thread count and compare two runs bit for bit: alone, so no other test's
/// silo changes the thread count between (or during) the two runs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TorchThreadsCollection
{
    public const string Name = "torch threads";
}

[Collection(TorchThreadsCollection.Name)]
public sealed class ExactRetrainTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-exact-").FullName;
    private readonly string _id = $"exact-{Guid.NewGuid():N}";
    private readonly StringWriter _text = new();

    private IAnsiConsole Console() => AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(_text) });

    [Fact]
    public async Task Retraining_a_completed_trials_best_config_json_on_cpu_with_the_same_seed_and_threads_reproduces_its_validation_accuracy_exactly()
    {
        var output = Path.Combine(_folder, _id);
        var space = Path.Combine(_folder, "lr-space.json");
        File.WriteAllText(space, ResolvedConfigurationTests.LearningRateSpace);
        // One CPU slot: the local silo gives it every core's thread (ProcessorCount / slots); the retrain asks for as many.
        var sweep = new SweepVerb.Arguments("kt", "demo", Trials: 1, Parallel: 1, "random", "none", "accuracy", Seed: 9, Epochs: 2,
            space, ResolvedConfigurationTests.TinySettings, output, Cluster: null, Retries: 0, ResolvedConfigurationTests.SharedDataRoot);
        Assert.True(await SweepVerb.RunAsync(sweep, Console(), CancellationToken.None) == 0, _text.ToString());
        using var trial = JsonDocument.Parse(File.ReadAllText(Path.Combine(TorchTrialRunner.TrialFolder(ResolvedConfigurationTests.SharedDataRoot, _id, 0), "result.json")));
        using var best = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "best-config.json")));

        var retrained = Path.Combine(_folder, "retrain");
        var train = ResolvedConfigurationTests.Train(null, [], configFile: Path.Combine(output, "best-config.json")) with
        {
            Output = retrained,
            Threads = Environment.ProcessorCount,
        };
        Assert.True(await TrainVerb.RunAsync(train, Console(), CancellationToken.None) == 0, _text.ToString());
        using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(retrained, "result.json")));

        // Both trained from scratch: nothing was resumed from a checkpoint.
        Assert.Equal((0, 0), (trial.RootElement.GetProperty("resumedFromEpoch").GetInt32(), result.RootElement.GetProperty("resumedFromEpoch").GetInt32()));
        var recorded = best.RootElement.GetProperty("recorded").GetProperty("valAccuracy").GetDouble();
        Assert.Equal(trial.RootElement.GetProperty("valAccuracy").GetDouble(), recorded);
        Assert.Equal(recorded, result.RootElement.GetProperty("valAccuracy").GetDouble());
        Assert.Equal(Curve(trial.RootElement), Curve(result.RootElement));
        Assert.Equal(trial.RootElement.GetProperty("testAccuracy").GetDouble(), result.RootElement.GetProperty("testAccuracy").GetDouble());
        Assert.Equal(ResolvedConfigurationTests.ConfigOf(trial.RootElement), ResolvedConfigurationTests.ConfigOf(result.RootElement));
    }

    /// <summary>Each epoch's training loss and validation accuracy, bit for bit.</summary>
    private static (double TrainLoss, double ValAccuracy)[] Curve(JsonElement result) =>
        result.GetProperty("curve").EnumerateArray().Select(e => (e.GetProperty("trainLoss").GetDouble(), e.GetProperty("valAccuracy").GetDouble())).ToArray();

    public void Dispose()
    {
        _text.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Path.Combine(ResolvedConfigurationTests.SharedDataRoot, "sweeps", _id), recursive: true); } catch (IOException) { }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
