namespace Snnsweep.Trainer.Training;

/// <summary>The loss became NaN or infinite; the run stops at once rather than burn the rest of its budget.</summary>
public sealed class TrainingDivergedException(int epoch, int batch, double loss)
    : Exception($"training diverged: loss {loss} at epoch {epoch}, batch {batch} (try a lower lr)")
{
    public int Epoch { get; } = epoch;

    public int Batch { get; } = batch;
}
