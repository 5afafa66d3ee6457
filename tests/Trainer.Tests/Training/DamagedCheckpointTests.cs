using Snnsweep.Trainer.Training;

namespace Snnsweep.Trainer.Tests.Training;

/// <summary>A checkpoint that does not verify is set aside and the run resumes from the one before it, or from scratch.</summary>
public sealed class DamagedCheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-ckpt-").FullName;

    private static TrainingConfig TinyConfig(int epochs = 3) => TinyData.Config(epochs);

    /// <summary>Trains until <paramref name="epochs"/> epochs are checkpointed, then stops as a killed process would.</summary>
    private static void TrainAndStopAfter(int epochs, string checkpoint)
    {
        using var stop = new CancellationTokenSource();
        var options = new TrainingRunOptions { CheckpointPath = checkpoint, Progress = p => { if (p.Completed?.Epoch == epochs) stop.Cancel(); } };
        Assert.ThrowsAny<OperationCanceledException>(() => TrainingLoop.Run(TinyConfig(), TinyData.Create(), options, stop.Token));
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("flipped")]
    public void A_damaged_checkpoint_is_set_aside_and_the_run_resumes_from_the_one_before_with_the_uninterrupted_result(string damage)
    {
        var data = TinyData.Create();
        var uninterrupted = TrainingLoop.Run(TinyConfig(), data, new TrainingRunOptions(), CancellationToken.None);
        var checkpoint = Path.Combine(_folder, "checkpoint.bin");
        TrainAndStopAfter(2, checkpoint);
        var bytes = File.ReadAllBytes(checkpoint);
        if (damage == "truncated") File.WriteAllBytes(checkpoint, bytes[..(bytes.Length / 2)]);
        else
        {
            bytes[bytes.Length / 2] ^= 0x10;
            File.WriteAllBytes(checkpoint, bytes);
        }

        var notices = new List<string>();
        var resumed = TrainingLoop.Run(TinyConfig(), data, new TrainingRunOptions { CheckpointPath = checkpoint, Notice = notices.Add }, CancellationToken.None);

        Assert.Equal(1, resumed.ResumedFromEpoch);
        Assert.Equal(uninterrupted.Curve.Select(e => e.TrainLoss), resumed.Curve.Select(e => e.TrainLoss));
        Assert.Equal(uninterrupted.TestAccuracy, resumed.TestAccuracy);
        Assert.True(File.Exists(checkpoint + ".bad"));
        var notice = Assert.Single(notices);
        Assert.Contains("checkpoint.bin", notice);
        Assert.Contains("checksum mismatch: the file is damaged or truncated", notice);
    }

    [Fact]
    public void With_no_good_checkpoint_left_the_run_starts_again_from_scratch()
    {
        var data = TinyData.Create();
        var uninterrupted = TrainingLoop.Run(TinyConfig(), data, new TrainingRunOptions(), CancellationToken.None);
        var checkpoint = Path.Combine(_folder, "checkpoint.bin");
        TrainAndStopAfter(1, checkpoint);
        File.WriteAllBytes(checkpoint, File.ReadAllBytes(checkpoint)[..100]);

        var notices = new List<string>();
        var rerun = TrainingLoop.Run(TinyConfig(), data, new TrainingRunOptions { CheckpointPath = checkpoint, Notice = notices.Add }, CancellationToken.None);

        Assert.Equal(0, rerun.ResumedFromEpoch);
        Assert.Equal(uninterrupted.TestAccuracy, rerun.TestAccuracy);
        Assert.Single(notices);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
