using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Trainer.Tests.Training;

/// <summary>A run trained straight through, and the same run stopped after its first epoch and resumed from its checkpoint.</summary>
internal static class InterruptedRun
{
    public static (TrainingResult Uninterrupted, TrainingResult Resumed) AndUninterrupted(TrainingConfig config, DatasetSplits data, string folder)
    {
        var uninterrupted = TrainingLoop.Run(config, data, new TrainingRunOptions { CheckpointPath = Path.Combine(folder, "a.ckpt") }, CancellationToken.None);

        // Interrupt the second run right after its first epoch, the way a killed silo would stop it.
        var checkpoint = Path.Combine(folder, "b.ckpt");
        using var stop = new CancellationTokenSource();
        var interrupted = new TrainingRunOptions { CheckpointPath = checkpoint, Progress = p => { if (p.Completed?.Epoch == 1) stop.Cancel(); } };
        Assert.ThrowsAny<OperationCanceledException>(() => TrainingLoop.Run(config, data, interrupted, stop.Token));
        var resumed = TrainingLoop.Run(config, data, new TrainingRunOptions { CheckpointPath = checkpoint }, CancellationToken.None);
        return (uninterrupted, resumed);
    }
}
