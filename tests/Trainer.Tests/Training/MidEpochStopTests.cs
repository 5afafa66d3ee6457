using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Trainer.Tests.Training;

/// <summary>A run stopped between two batches goes on from the very next batch and ends exactly as an uninterrupted run.</summary>
public sealed class MidEpochStopTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-midepoch-").FullName;

    private static TrainingConfig Config(string method) =>
        TrainingMethods.DefaultConfig(method, "tiny") with { Timesteps = TinyData.Timesteps, Layers = "4C3-AP2-8C3-AP2", BatchSize = 16, Epochs = 3, Seed = 5 };

    [Theory]
    [InlineData("baseline")]
    [InlineData("kt")]
    public void A_run_stopped_mid_epoch_resumes_at_the_next_batch_and_matches_the_uninterrupted_run(string method)
    {
        var data = method == "kt" ? TinyData.CreatePaired() : TinyData.Create();
        var config = Config(method);
        var uninterrupted = TrainingLoop.Run(config, data, new TrainingRunOptions(), CancellationToken.None);

        // Stop after the second of epoch 2's four batches, as Ctrl+C or a silo's shutdown would.
        var checkpoint = Path.Combine(_folder, $"{method}.ckpt");
        using var stop = new CancellationTokenSource();
        var stopping = new TrainingRunOptions { CheckpointPath = checkpoint, Progress = p => { if (p is { Epoch: 2, Batch: 2, Completed: null }) stop.Cancel(); } };
        Assert.ThrowsAny<OperationCanceledException>(() => TrainingLoop.Run(config, data, stopping, stop.Token));
        var batchesSeen = new List<(int Epoch, int Batch)>();
        var resumed = TrainingLoop.Run(config, data, new TrainingRunOptions
        {
            CheckpointPath = checkpoint,
            Progress = p => { if (p.Completed is null) batchesSeen.Add((p.Epoch, p.Batch)); },
        }, CancellationToken.None);

        Assert.Equal(1, resumed.ResumedFromEpoch);
        Assert.Equal(2, resumed.ResumedFromBatch);
        Assert.Equal((2, 3), batchesSeen[0]);
        Assert.Equal(uninterrupted.Curve.Select(e => e.TrainLoss), resumed.Curve.Select(e => e.TrainLoss));
        Assert.Equal(uninterrupted.Curve.Select(e => e.ValAccuracy), resumed.Curve.Select(e => e.ValAccuracy));
        Assert.Equal(uninterrupted.TestAccuracy, resumed.TestAccuracy);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
