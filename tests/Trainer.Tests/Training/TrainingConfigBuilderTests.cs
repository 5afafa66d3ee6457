using System.Reflection;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Trainer.Tests.Training;

public sealed class TrainingConfigBuilderTests
{
    public static TheoryData<string, string> MethodsOnDatasets()
    {
        var data = new TheoryData<string, string>();
        foreach (var method in TrainingMethods.Names)
        {
            foreach (var dataset in DatasetCatalog.Names) data.Add(method, dataset);
        }
        return data;
    }

    public static TheoryData<string, string, TrainingPreset> MethodsOnDatasetsUnderPresets()
    {
        var data = new TheoryData<string, string, TrainingPreset>();
        foreach (var method in TrainingMethods.Names)
        {
            foreach (var dataset in DatasetCatalog.Names)
            {
                foreach (var preset in Enum.GetValues<TrainingPreset>()) data.Add(method, dataset, preset);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MethodsOnDatasets))]
    public void The_fast_preset_starts_from_the_datasets_and_the_methods_defaults(string method, string dataset)
    {
        var config = TrainingConfigBuilder.Resolve(new TrainingConfigRequest { Method = method.ToUpperInvariant(), Dataset = dataset.ToUpperInvariant() });

        Assert.Equal(TrainingMethods.DefaultConfig(method, dataset), config);
    }

    [Theory]
    [MemberData(nameof(MethodsOnDatasets))]
    public void The_paper_preset_is_the_methods_paper_settings_on_its_defaults(string method, string dataset)
    {
        var config = TrainingConfigBuilder.Resolve(new TrainingConfigRequest { Method = method, Dataset = dataset, Preset = TrainingPreset.Paper });

        Assert.Equal(TrainingMethods.Get(method).WithPaperSettings(TrainingMethods.DefaultConfig(method, dataset)), config);
    }

    [Fact]
    public void The_builder_applies_the_methods_paper_settings_after_its_defaults_and_before_every_setting()
    {
        var spy = PaperSpy.Around(TrainingMethods.Get("kt"), c => c with { LearningRate = 0.0123, BatchSize = 7 });

        var fast = TrainingConfigBuilder.Build(new TrainingConfigRequest { Method = "kt" }, spy);
        var calledByFast = PaperSpy.Received(spy).Count;
        var paper = TrainingConfigBuilder.Build(new TrainingConfigRequest
        {
            Method = "kt",
            Preset = TrainingPreset.Paper,
            Recorded = new Dictionary<string, string> { ["batchSize"] = "9" },
        }, spy);
        var overridden = TrainingConfigBuilder.Build(new TrainingConfigRequest { Method = "kt", Preset = TrainingPreset.Paper, Assignments = ["lr=0.004"] }, spy);

        Assert.Equal(0, calledByFast);
        Assert.Equal(TrainingMethods.DefaultConfig("kt"), fast);
        // The hook sees the method's defaults (kt: TET), and its settings hold unless a later layer sets the key.
        Assert.Equal(TrainingMethods.DefaultConfig("kt"), PaperSpy.Received(spy)[0]);
        Assert.Equal(LossKind.Tet, PaperSpy.Received(spy)[0].Loss);
        Assert.Equal((0.0123, 9), (paper.LearningRate, paper.BatchSize));
        Assert.Equal((0.004, 7), (overridden.LearningRate, overridden.BatchSize));
    }

    [Fact]
    public void Recorded_settings_come_before_the_users_and_epochs_and_seed_after_both()
    {
        var config = TrainingConfigBuilder.Build(new TrainingConfigRequest
        {
            Method = "baseline",
            Recorded = new Dictionary<string, string> { ["lr"] = "0.001", ["T"] = "4", ["epochs"] = "9", ["seed"] = "5" },
            Settings = new Dictionary<string, string> { ["T"] = "6", ["batchSize"] = "16" },
            Assignments = ["batchSize=8", "epochs=2"],
            Epochs = 3,
        });

        Assert.Equal((0.001, 6, 8, 3, 5), (config.LearningRate, config.Timesteps, config.BatchSize, config.Epochs, config.Seed));
    }

    [Fact]
    public void The_methods_cross_key_checks_run_on_the_resolved_configuration_only_when_building()
    {
        var request = new TrainingConfigRequest { Method = "ssnn", Assignments = ["T=2"] };

        var resolved = TrainingConfigBuilder.Resolve(request);
        var error = Assert.Throws<InvalidConfigException>(() => TrainingConfigBuilder.Build(request));

        Assert.Equal(2, resolved.Timesteps);
        Assert.Equal("ssnn.T2", error.Key);
    }

    [Theory]
    [MemberData(nameof(MethodsOnDatasetsUnderPresets))]
    public void A_recorded_configuration_reads_back_exactly_whatever_the_defaults_it_is_applied_to(string method, string dataset, TrainingPreset preset)
    {
        var config = TrainingConfigBuilder.Build(new TrainingConfigRequest
        {
            Method = method,
            Dataset = dataset,
            Preset = preset,
            Assignments = ["lr=0.0031415926535897933", "neuron.tau=2.7182818284590451", "weightDecay=1e-05"],
            Seed = 11,
        });

        var recorded = TrainingConfigBuilder.Record(config);
        // A bare configuration stands for any later change of the defaults: the record sets every key.
        var bare = TrainingConfigSchema.Apply(new TrainingConfig { Method = config.Method, Dataset = config.Dataset }, recorded);
        var rebuilt = TrainingConfigBuilder.Build(new TrainingConfigRequest { Method = method, Dataset = dataset, Recorded = recorded });

        Assert.Equal(TrainingConfigSchema.Keys.Select(k => k.Name), recorded.Keys);
        Assert.Equal(config, bare);
        Assert.Equal(config, rebuilt);
    }

    [Theory]
    [InlineData(null, TrainingPreset.Fast)]
    [InlineData("", TrainingPreset.Fast)]
    [InlineData("fast", TrainingPreset.Fast)]
    [InlineData("Paper", TrainingPreset.Paper)]
    public void Presets_are_read_by_name(string? name, TrainingPreset preset) => Assert.Equal(preset, TrainingConfigBuilder.ParsePreset(name));

    [Fact]
    public void An_unknown_preset_method_or_dataset_is_refused_by_name()
    {
        var preset = Assert.Throws<InvalidConfigException>(() => TrainingConfigBuilder.ParsePreset("slow"));
        var method = Assert.Throws<InvalidConfigException>(() => TrainingConfigBuilder.Build(new TrainingConfigRequest { Method = "magic" }));
        var dataset = Assert.Throws<InvalidConfigException>(() => TrainingConfigBuilder.Build(new TrainingConfigRequest { Method = "kt", Dataset = "mnist-3d" }));

        Assert.Equal(("preset", "preset: 'slow' is not one of fast, paper"), (preset.Key, preset.Message));
        Assert.Equal("method", method.Key);
        Assert.Contains("available: baseline, kt, ssnn, r2etl", method.Message);
        Assert.Equal("dataset", dataset.Key);
        Assert.Contains("mnist-3d", dataset.Message);
    }

    /// <summary>A method that is <c>Inner</c> in every respect but its paper settings, which it records and replaces.</summary>
    public class PaperSpy : DispatchProxy
    {
        private ITrainingMethod _inner = null!;
        private Func<TrainingConfig, TrainingConfig> _paper = c => c;
        private readonly List<TrainingConfig> _received = [];

        public static ITrainingMethod Around(ITrainingMethod inner, Func<TrainingConfig, TrainingConfig> paper)
        {
            var proxy = Create<ITrainingMethod, PaperSpy>();
            var spy = (PaperSpy)(object)proxy;
            spy._inner = inner;
            spy._paper = paper;
            return proxy;
        }

        public static IReadOnlyList<TrainingConfig> Received(ITrainingMethod proxy) => ((PaperSpy)(object)proxy)._received;

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name == nameof(ITrainingMethod.WithPaperSettings))
            {
                var config = (TrainingConfig)args![0]!;
                _received.Add(config);
                return _paper(config);
            }
            try
            {
                return targetMethod!.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerException);
                throw;
            }
        }
    }
}
