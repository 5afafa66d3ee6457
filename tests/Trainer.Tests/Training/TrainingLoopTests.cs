using Snnsweep.Trainer.Training;
using TorchSharp;

namespace Snnsweep.Trainer.Tests.Training;

public sealed class TrainingLoopTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-loop-").FullName;

    private static TrainingConfig TinyConfig(int epochs = 3) => TinyData.Config(epochs);

    [Fact]
    public void Resuming_from_a_checkpoint_gives_exactly_the_uninterrupted_run()
    {
        var data = TinyData.Create();
        var config = TinyConfig();
        var (uninterrupted, resumed) = InterruptedRun.AndUninterrupted(config, data, _folder);

        Assert.Equal(1, resumed.ResumedFromEpoch);
        Assert.Equal(uninterrupted.Curve.Select(e => e.TrainLoss), resumed.Curve.Select(e => e.TrainLoss));
        Assert.Equal(uninterrupted.Curve.Select(e => e.ValAccuracy), resumed.Curve.Select(e => e.ValAccuracy));
        Assert.Equal(uninterrupted.TestAccuracy, resumed.TestAccuracy);
    }

    [Fact]
    public void Training_is_deterministic_for_a_seed_and_differs_across_seeds()
    {
        var data = TinyData.Create();
        var first = TrainingLoop.Run(TinyConfig(2), data, new TrainingRunOptions(), CancellationToken.None);
        var second = TrainingLoop.Run(TinyConfig(2), data, new TrainingRunOptions(), CancellationToken.None);
        var otherSeed = TrainingLoop.Run(TinyConfig(2) with { Seed = 12 }, data, new TrainingRunOptions(), CancellationToken.None);

        Assert.Equal(first.Curve.Select(e => e.TrainLoss), second.Curve.Select(e => e.TrainLoss));
        Assert.NotEqual(first.Curve.Select(e => e.TrainLoss), otherSeed.Curve.Select(e => e.TrainLoss));
    }

    [Fact]
    public void A_tiny_network_learns_a_separable_task_and_reports_its_metrics()
    {
        var data = TinyData.Create(train: 128);
        var result = TrainingLoop.Run(TinyConfig(6) with { Loss = LossKind.Tet }, data, new TrainingRunOptions(), CancellationToken.None);

        Assert.True(result.ValAccuracy >= 0.9, $"validation accuracy {result.ValAccuracy}");
        Assert.True(result.Curve[^1].TrainLoss < result.Curve[0].TrainLoss);
        Assert.All(result.Curve, e => Assert.InRange(e.FiringRates.Single(), 0.0, 1.0));
        Assert.All(result.Curve, e => Assert.True(e.SamplesPerSecond > 0));
        Assert.Equal(2, result.WeightLayers);
    }

    [Fact]
    public void Cancellation_stops_training_at_a_batch_boundary()
    {
        using var stop = new CancellationTokenSource();
        var options = new TrainingRunOptions { Progress = p => { if (p.Batch == 2) stop.Cancel(); } };

        Assert.ThrowsAny<OperationCanceledException>(() => TrainingLoop.Run(TinyConfig(), TinyData.Create(), options, stop.Token));
    }

    [Fact]
    public void A_checkpoint_of_another_configuration_is_ignored_not_loaded()
    {
        var data = TinyData.Create();
        var checkpoint = Path.Combine(_folder, "c.ckpt");
        TrainingLoop.Run(TinyConfig(1), data, new TrainingRunOptions { CheckpointPath = checkpoint }, CancellationToken.None);

        var other = TrainingLoop.Run(TinyConfig(1) with { LearningRate = 1e-3 }, data, new TrainingRunOptions { CheckpointPath = checkpoint }, CancellationToken.None);

        Assert.Equal(0, other.ResumedFromEpoch);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
