using System.Text.Json;
using Snnsweep.Contracts;
using Snnsweep.Silo.Cli;
using Snnsweep.Silo.Training;
using Snnsweep.Trainer.Training;
using Spectre.Console;

namespace Snnsweep.Silo.Tests.Sweeps;

/// <summary>
/// A sweep trial, <c>train --config</c> of its best-config.json and <c>train --method</c> with the same settings
/// train one configuration, resolved by the one builder; best-config.json records it completely.
/// </summary>
public sealed class ResolvedConfigurationTests : IDisposable
{
    internal static readonly string SharedDataRoot = Path.Combine(Path.GetTempPath(), "snnsweep-tests-data");

    /// <summary>Tiny enough for every method on the demo (two stages of T = 2, 1 for ssnn; a few static images for kt and r2etl).</summary>
    internal static readonly string[] TinySettings =
    [
        "data.trainSamples=32", "data.valSamples=32", "data.staticSamples=200", "T=2", "model.layers=4C3-AP2-4C3-AP2", "batchSize=16",
        "ssnn.stages=2", "ssnn.T2=1", "data.epochSamples=32", "r2etl.bottleneck=8",
    ];

    internal const string LearningRateSpace = """{"parameters":[{"type":"float","name":"lr","low":0.001,"high":0.01,"log":true}]}""";

    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-resolved-").FullName;
    private readonly List<string> _sweeps = [];
    private readonly StringWriter _text = new();

    private IAnsiConsole Console() => AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(_text) });

    [Theory]
    [InlineData("baseline")]
    [InlineData("kt")]
    [InlineData("ssnn")]
    [InlineData("r2etl")]
    public async Task A_sweep_trial_trains_what_train_config_of_its_best_config_and_train_method_with_the_same_settings_train(string method)
    {
        var (output, trial) = await SweepAsync(method, "fast", seed: 6, epochs: 1);

        var bestConfig = Path.Combine(output, "best-config.json");
        var retrain = TrainVerb.BuildConfig(Train(null, [], configFile: bestConfig));
        var lr = trial.GetProperty("config").GetProperty("lr").GetRawText();
        var direct = TrainVerb.BuildConfig(Train(method, [.. TinySettings, $"lr={lr}"], epochs: 1, seed: 6));

        var trained = ConfigOf(trial);
        Assert.Equal(trained, Keys(retrain));
        Assert.Equal(trained, Keys(direct));
        Assert.Equal(TrainingConfigSchema.Keys.Select(k => k.Name).Order(), trained.Keys.Order());
        using var file = JsonDocument.Parse(File.ReadAllText(bestConfig));
        Assert.Equal("fast", file.RootElement.GetProperty("preset").GetString());
        var recorded = file.RootElement.GetProperty("config").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(TrainingConfigSchema.Keys.Select(k => k.Name), recorded.Keys);
        Assert.Equal(trained, Keys(TrainingConfigSchema.Apply(new TrainingConfig { Method = method }, recorded)));
    }

    [Fact]
    public async Task The_paper_preset_reaches_the_trials_configuration_and_best_config_json_and_its_retrain()
    {
        var (output, trial) = await SweepAsync("baseline", "paper", seed: 2, epochs: 1);

        using var board = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "leaderboard.json")));
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "best-config.json")));
        var lr = trial.GetProperty("config").GetProperty("lr").GetRawText();
        var (retrain, retrainPreset) = TrainVerb.Resolve(Train(null, [], configFile: Path.Combine(output, "best-config.json")));
        var paper = TrainingConfigBuilder.Build(new TrainingConfigRequest
        {
            Method = "baseline", Preset = TrainingPreset.Paper, Assignments = [.. TinySettings, $"lr={lr}"], Epochs = 1, Seed = 2,
        });

        Assert.Equal("paper", board.RootElement.GetProperty("spec").GetProperty("preset").GetString());
        Assert.Equal("paper", file.RootElement.GetProperty("preset").GetString());
        Assert.Equal(TrainingPreset.Paper, retrainPreset);
        Assert.Equal(Keys(paper), ConfigOf(trial));
        Assert.Equal(Keys(paper), Keys(retrain));
        Assert.Contains("paper preset", _text.ToString());
    }

    [Theory]
    [InlineData("baseline")]
    [InlineData("kt")]
    [InlineData("ssnn")]
    [InlineData("r2etl")]
    public void Under_either_preset_a_trial_resolves_the_configuration_train_resolves(string method)
    {
        foreach (var preset in new[] { "fast", "paper" })
        {
            var settings = TinySettings.Select(s => s.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
            settings["lr"] = "0.0042";
            var spec = new TrialSpec("any", 0, method, "demo", settings, 3, 8) { Preset = preset };

            var trial = TorchTrialRunner.BuildConfig(spec);
            var train = TrainVerb.BuildConfig(Train(method, [.. TinySettings, "lr=0.0042"], epochs: 3, seed: 8) with { Preset = preset });
            var built = TrainingConfigBuilder.Build(new TrainingConfigRequest
            {
                Method = method, Preset = TrainingConfigBuilder.ParsePreset(preset), Settings = settings, Epochs = 3, Seed = 8,
            });

            Assert.Equal(Keys(built), Keys(trial));
            Assert.Equal(Keys(built), Keys(train));
        }
    }

    [Fact]
    public async Task An_older_best_config_json_without_the_complete_configuration_still_retrains()
    {
        var path = Path.Combine(_folder, "old-best-config.json");
        File.WriteAllText(path, """
            {
              "method": "kt",
              "dataset": "demo",
              "seed": 4,
              "epochs": 1,
              "settings": {
                "data.trainSamples": "32", "data.valSamples": "32", "data.staticSamples": "200", "T": "2",
                "model.layers": "4C3-AP2-4C3-AP2", "batchSize": "16", "data.epochSamples": "32", "lr": "0.003"
              },
              "sweep": "sweep-before-presets",
              "trial": 3,
              "recorded": { "valAccuracy": 0.5 },
              "command": "dotnet run --project Silo -- train --config best-config.json"
            }
            """);
        var output = Path.Combine(_folder, "old-retrain");

        var (config, preset) = TrainVerb.Resolve(Train(null, [], configFile: path));
        var exit = await TrainVerb.RunAsync(Train(null, [], configFile: path) with { Output = output }, Console(), CancellationToken.None);

        Assert.Equal(TrainingPreset.Fast, preset);
        Assert.Equal(Keys(TrainVerb.BuildConfig(Train("kt", [.. TinySettings[..6], "data.epochSamples=32", "lr=0.003"], epochs: 1, seed: 4))), Keys(config));
        Assert.True(exit == 0, _text.ToString());
        using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "result.json")));
        Assert.Equal(0.003, result.RootElement.GetProperty("config").GetProperty("lr").GetDouble());
        Assert.Equal("tet", result.RootElement.GetProperty("config").GetProperty("loss").GetString());
        Assert.Equal(4, result.RootElement.GetProperty("seed").GetInt32());
    }

    [Fact]
    public async Task A_preset_other_than_the_one_a_complete_best_config_json_records_is_refused()
    {
        var (output, _) = await SweepAsync("baseline", "fast", seed: 3, epochs: 1);

        var exit = await TrainVerb.RunAsync(Train(null, [], configFile: Path.Combine(output, "best-config.json")) with { Preset = "paper", Output = Path.Combine(_folder, "x") },
            Console(), CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("records its complete configuration under the fast preset", _text.ToString());
    }

    /// <summary>A one-trial local sweep of <paramref name="method"/> on the demo; its folder and the trial's result.json.</summary>
    private async Task<(string Output, JsonElement Trial)> SweepAsync(string method, string preset, int seed, int epochs)
    {
        var id = $"resolved-{method}-{Guid.NewGuid():N}";
        _sweeps.Add(id);
        var output = Path.Combine(_folder, id);
        var space = Path.Combine(_folder, "lr-space.json");
        File.WriteAllText(space, LearningRateSpace);
        var args = new SweepVerb.Arguments(method, "demo", Trials: 1, Parallel: 1, "random", "none", "accuracy", seed, epochs,
            space, TinySettings, output, Cluster: null, Retries: 0, SharedDataRoot, Preset: preset);

        var exit = await SweepVerb.RunAsync(args, Console(), CancellationToken.None);

        Assert.True(exit == 0, _text.ToString());
        using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(TorchTrialRunner.TrialFolder(SharedDataRoot, id, 0), "result.json")));
        return (output, result.RootElement.Clone());
    }

    internal static TrainVerb.Arguments Train(string? method, IReadOnlyList<string> settings, int? epochs = null, int? seed = null, string? configFile = null) =>
        new(method, method is null ? null : "demo", epochs, seed, settings, null, Threads: null, Device: "cpu", SharedDataRoot, ListKeys: false, configFile);

    /// <summary>Every key with its value as result.json writes it (<see cref="TrainingConfigSchema.Describe"/> through the results' JSON).</summary>
    internal static Dictionary<string, string> Keys(TrainingConfig config)
    {
        using var document = JsonDocument.Parse(JsonSerializer.Serialize(TrainingConfigSchema.Describe(config), JsonDefaults.Options));
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());
    }

    /// <summary>The <c>config</c> of a result.json, key by key.</summary>
    internal static Dictionary<string, string> ConfigOf(JsonElement result) =>
        result.GetProperty("config").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText());

    public void Dispose()
    {
        _text.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var id in _sweeps)
        {
            try { Directory.Delete(Path.Combine(SharedDataRoot, "sweeps", id), recursive: true); } catch (IOException) { }
        }
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
