using System.Globalization;
using Snnsweep.Trainer.Losses;
using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Methods.Ssnn;
using Snnsweep.Trainer.Tests.Training;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Trainer.Tests.Methods;

public sealed class PaperPresetTests
{
    private static TrainingConfig Fast(string method, string dataset) => TrainingMethods.DefaultConfig(method, dataset);

    private static TrainingConfig Paper(string method, string dataset) => TrainingMethods.Get(method).WithPaperSettings(Fast(method, dataset));

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture)!;

    /// <summary>
    /// The paper preset departs from the fast defaults in exactly the listed keys (docs/methods.md's values, cited in each
    /// method's WithPaperSettings), and the listed values applied to the fast defaults give the preset key by key.
    /// </summary>
    [Theory]
    [InlineData("baseline", "demo", "")]
    [InlineData("kt", "demo", "transfer.forward=separate;loss.tetTarget=0.5;lr=0.00015625")]
    [InlineData("kt", "n-caltech101", "transfer.forward=separate;loss.tetTarget=0.5;lr=0.0005859375;epochs=300")]
    [InlineData("kt", "cep-dvs", "transfer.forward=separate;loss.tetTarget=0.5;lr=0.0005859375;epochs=200;batchSize=120")]
    [InlineData("kt", "n-omniglot", "transfer.forward=separate;loss.tetTarget=0.5;lr=0.01875;loss=crossentropy;schedule=step;schedule.stepEpochs=40;schedule.gamma=0.1;kt.coefficients=off;kt.heads=shared")]
    [InlineData("ssnn", "demo", "ssnn.strict=true")]
    [InlineData("ssnn", "cep-dvs", "ssnn.strict=true;data.augmentShift=0;data.augmentFlip=false")]
    [InlineData("r2etl", "demo", "transfer.forward=separate;loss.tetTarget=1;lr=0.0001;schedule=step;schedule.stepEpochs=1;data.slicing=eventcount;data.augmentFlip=true;data.augmentShift=5;r2etl.bottleneck=256")]
    [InlineData("r2etl", "n-mnist", "transfer.forward=separate;loss.tetTarget=1;lr=0.0001;schedule=step;schedule.stepEpochs=10;epochs=80;batchSize=32;data.size=48;data.staticFit=resize;data.augmentFlip=true;data.augmentShift=5;r2etl.bottleneck=256")]
    [InlineData("r2etl", "cifar10-dvs", "transfer.forward=separate;loss.tetTarget=1;lr=0.0002;schedule=step;schedule.stepEpochs=30;epochs=150;batchSize=32;data.slicing=eventcount;data.augmentFlip=true;data.augmentShift=5;r2etl.bottleneck=256")]
    [InlineData("r2etl", "n-caltech101", "transfer.forward=separate;loss.tetTarget=1;lr=0.0002;schedule=step;schedule.stepEpochs=50;epochs=150;batchSize=32;data.slicing=eventcount;data.augmentFlip=true;data.augmentShift=5;r2etl.bottleneck=256")]
    public void The_paper_preset_sets_exactly_the_papers_departures_from_the_fast_defaults(string method, string dataset, string changes)
    {
        var fast = TrainingConfigSchema.Describe(Fast(method, dataset));
        var paper = TrainingConfigSchema.Describe(Paper(method, dataset));
        var expected = changes.Split(';', StringSplitOptions.RemoveEmptyEntries);

        var changed = paper.Keys.Where(k => Text(paper[k]) != Text(fast[k])).Order().ToArray();

        Assert.Equal(expected.Select(a => a.Split('=')[0]).Order().ToArray(), changed);
        Assert.Equal(paper.ToDictionary(kv => kv.Key, kv => Text(kv.Value)),
            TrainingConfigSchema.Describe(TrainingConfigSchema.Apply(Fast(method, dataset), expected)).ToDictionary(kv => kv.Key, kv => Text(kv.Value)));
    }

    [Theory]
    [InlineData("baseline", "demo")]
    [InlineData("kt", "demo")]
    [InlineData("kt", "n-caltech101")]
    [InlineData("kt", "cep-dvs")]
    [InlineData("kt", "n-omniglot")]
    [InlineData("ssnn", "demo")]
    [InlineData("ssnn", "n-caltech101")]
    [InlineData("ssnn", "cep-dvs")]
    [InlineData("ssnn", "n-omniglot")]
    [InlineData("r2etl", "demo")]
    [InlineData("r2etl", "n-mnist")]
    [InlineData("r2etl", "cifar10-dvs")]
    [InlineData("r2etl", "n-caltech101")]
    public void The_paper_preset_passes_its_methods_checks(string method, string dataset)
    {
        TrainingMethods.Get(method).Validate(Paper(method, dataset));
    }

    [Fact]
    public void Kts_paper_preset_gives_tet_the_authors_target_and_the_fast_defaults_keep_the_threshold()
    {
        var paper = Assert.IsType<TetLoss>(ClassificationLosses.For(Paper("kt", "demo")));
        var fast = Assert.IsType<TetLoss>(ClassificationLosses.For(Fast("kt", "demo")));
        var lowered = Assert.IsType<TetLoss>(ClassificationLosses.For(TrainingConfigSchema.Apply(Fast("kt", "demo"), ["neuron.threshold=0.7"])));

        Assert.Equal(0.5, paper.Target);
        Assert.Equal(1e-3, paper.Lambda);
        Assert.Equal(1.0, fast.Target);
        Assert.Equal(0.7, lowered.Target);
    }

    [Fact]
    public void Ssnns_paper_preset_refuses_stages_that_do_not_shrink()
    {
        var paper = Paper("ssnn", "demo");

        var equalT2 = Assert.Throws<InvalidConfigException>(() => new SsnnMethod().Validate(TrainingConfigSchema.Apply(paper, ["T=8", "ssnn.T2=8"])));
        var equalT3 = Assert.Throws<InvalidConfigException>(() => new SsnnMethod().Validate(TrainingConfigSchema.Apply(paper, ["T=8", "ssnn.T2=4", "ssnn.T3=4"])));

        Assert.Equal("ssnn.T2", equalT2.Key);
        Assert.Equal("ssnn.T3", equalT3.Key);
        Assert.Contains("shrink", equalT3.Message);
        // The fast defaults allow equal steps (the uniform network as ssnn).
        new SsnnMethod().Validate(TrainingConfigSchema.Apply(Fast("ssnn", "demo"), ["T=8", "ssnn.T2=4", "ssnn.T3=4"]));
    }

    [Theory]
    [InlineData("baseline")]
    [InlineData("kt")]
    [InlineData("ssnn")]
    [InlineData("r2etl")]
    public void Every_methods_paper_preset_trains(string method)
    {
        var config = TrainingMethods.Get(method).WithPaperSettings(TrainingMethods.DefaultConfig(method, "tiny")) with
        {
            Epochs = 1,
            BatchSize = 16,
            Timesteps = TinyData.Timesteps,
            Layers = "4C3-AP2-8C3-AP2",
            ValidationSamples = 16,
            EpochSamples = 32,
            Seed = 5,
        };
        config = config with { Ssnn = config.Ssnn with { Stages = 2, T2 = 1 } };

        var result = TrainingLoop.Run(config, TinyData.CreatePaired(train: 48), new TrainingRunOptions(), CancellationToken.None);

        Assert.All(result.Curve, e => Assert.True(double.IsFinite(e.TrainLoss)));
    }
}
