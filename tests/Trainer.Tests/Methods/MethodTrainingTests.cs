using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Tests.Training;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Trainer.Tests.Methods;

public sealed class MethodTrainingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-methods-").FullName;

    /// <summary>Two epochs of a few batches each on the tiny paired data, in every method's defaults.</summary>
    private static TrainingConfig TinyConfig(string method) => TinyData.MethodConfig(method);

    [Theory]
    [InlineData("baseline")]
    [InlineData("baseline", "data.augmentShift=2", "data.augmentFlip=true")]
    [InlineData("kt")]
    [InlineData("kt", "transfer.forward=separate", "kt.alignLayer=features")]
    [InlineData("kt", "data.augmentShift=2")]
    [InlineData("kt", "kt.heads=shared")]
    [InlineData("kt", "kt.ckaKernel=rbf", "kt.rbfScale=0.5")]
    [InlineData("ssnn")]
    [InlineData("r2etl")]
    [InlineData("r2etl", "transfer.forward=separate", "r2etl.encoderLoss=tcka", "r2etl.staticCoding=laplace")]
    [InlineData("r2etl", "r2etl.featureLoss=cka")]
    [InlineData("r2etl", "transfer.forward=separate", "r2etl.featureLoss=cka")]
    [InlineData("r2etl", "r2etl.featureLoss=mse")]
    [InlineData("r2etl", "r2etl.featureLoss=mmd")]
    public void Every_method_trains_and_resumes_from_a_checkpoint_exactly(string method, params string[] settings)
    {
        var data = TinyData.CreatePaired(train: 48);
        var config = TrainingConfigSchema.Apply(TinyConfig(method), settings);
        var (uninterrupted, resumed) = InterruptedRun.AndUninterrupted(config, data, _folder);

        Assert.Equal(1, resumed.ResumedFromEpoch);
        Assert.All(uninterrupted.Curve, e => Assert.True(double.IsFinite(e.TrainLoss)));
        Assert.Equal(uninterrupted.Curve.Select(e => e.TrainLoss), resumed.Curve.Select(e => e.TrainLoss));
        Assert.Equal(uninterrupted.Curve.Select(e => e.ValAccuracy), resumed.Curve.Select(e => e.ValAccuracy));
        Assert.Equal(uninterrupted.Curve[^1].MethodMetrics, resumed.Curve[^1].MethodMetrics);
        Assert.Equal(uninterrupted.TestAccuracy, resumed.TestAccuracy);
        // Extra learnables (kt's coefficients) come back from the checkpoint too.
        Assert.Equal(uninterrupted.Coefficients, resumed.Coefficients);
    }

    [Theory]
    [InlineData("kt")]
    [InlineData("r2etl")]
    public void A_transfer_method_is_refused_for_a_dataset_without_static_images(string method)
    {
        var unpaired = TinyData.Create();

        var error = Assert.Throws<ArgumentException>(() => TrainingLoop.Run(TinyConfig(method), unpaired, new TrainingRunOptions(), CancellationToken.None));

        Assert.Contains($"method '{method}'", error.Message);
        Assert.Contains("dataset 'tiny' has no static pair", error.Message);
    }

    [Fact]
    public void Kt_learns_its_coefficients_and_reports_alignment()
    {
        var result = TrainingLoop.Run(TinyConfig("kt"), TinyData.CreatePaired(), new TrainingRunOptions(), CancellationToken.None);
        var document = ResultDocument.From(result, 0);

        Assert.Equal(TinyData.Timesteps, document.Coefficients!.Count);
        Assert.All(document.Coefficients, w => Assert.InRange(w, 0.0, 1.0));
        Assert.NotEqual(1 / (1 + Math.Exp(-1.0)), document.Coefficients[0], 6);
        Assert.InRange(document.MethodMetrics!["alignmentLoss"], 0.0, 1.0);
        Assert.InRange(document.MethodMetrics["slidingProbability"], 0.0, 1.0);
        Assert.Contains("cka", document.Curve[0].MethodMetrics!.Keys);
    }

    [Fact]
    public void Ssnn_reports_its_average_timestep_and_inference_cost()
    {
        var config = TinyConfig("ssnn") with { Epochs = 1 };

        var document = ResultDocument.From(TrainingLoop.Run(config, TinyData.Create(), new TrainingRunOptions(), CancellationToken.None), 0);

        // One conv per stage at T = (2, 1): T_avg = 1.5; layer-steps 2 + 1 + the readout's 1.
        Assert.Equal(1.5, document.AvgTimestep);
        Assert.Equal([2, 1], document.StageTimesteps);
        Assert.Equal(4, document.InferenceLayerSteps);
        Assert.Equal(2, document.InferenceFiringRates!.Count);
        Assert.All(document.InferenceFiringRates, r => Assert.InRange(r, 0.0, 1.0));
        Assert.Contains("earlyLoss1", document.MethodMetrics!.Keys);
    }

    [Fact]
    public void R2etl_reports_its_feature_tcka()
    {
        var result = TrainingLoop.Run(TinyConfig("r2etl") with { Epochs = 1 }, TinyData.CreatePaired(), new TrainingRunOptions(), CancellationToken.None);

        var metrics = result.Curve[^1].MethodMetrics!;
        Assert.InRange(metrics["tcka"], -1.0, 1.0);
        Assert.InRange(metrics["encoderCka"], -1.0, 1.0);
        Assert.Equal(1 - metrics["tcka"], metrics["featureLoss"], 5);
    }

    [Fact]
    public void R2etl_reports_the_bottleneck_tcka_whichever_feature_loss_it_trains_with()
    {
        var config = TrainingConfigSchema.Apply(TinyConfig("r2etl") with { Epochs = 1 }, ["r2etl.featureLoss=mmd"]);

        var metrics = TrainingLoop.Run(config, TinyData.CreatePaired(), new TrainingRunOptions(), CancellationToken.None).Curve[^1].MethodMetrics!;

        Assert.InRange(metrics["tcka"], -1.0, 1.0);
        Assert.True(metrics["featureLoss"] >= 0);
    }

    [Fact]
    public void The_baseline_method_keeps_the_plain_loop_behaviour()
    {
        var config = new TrainingConfig { Dataset = "tiny", Epochs = 1, BatchSize = 16, Timesteps = TinyData.Timesteps, Layers = "4C3-AP2" };

        var result = TrainingLoop.Run(config, TinyData.Create(), new TrainingRunOptions(), CancellationToken.None);

        Assert.Equal(TinyData.Timesteps, result.AverageTimestep);
        Assert.Empty(result.Curve[0].MethodMetrics!);
        Assert.Empty(result.Coefficients);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
