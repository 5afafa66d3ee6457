namespace Snnsweep.Trainer.Methods;

/// <summary>Where a batch sits in the run: the training-progress signal k / K of kt's sliding schedule and the seed of every random draw.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Batch">0-based batch within the epoch.</param>
/// <param name="BatchesPerEpoch">Batches in every epoch.</param>
/// <param name="Epochs">Epochs of the run.</param>
public readonly record struct BatchPosition(int Epoch, int Batch, int BatchesPerEpoch, int Epochs)
{
    /// <summary>Global 0-based iteration index k.</summary>
    public long Iteration => (long)(Epoch - 1) * BatchesPerEpoch + Batch;

    /// <summary>Iterations of the whole run, K_tot.</summary>
    public long TotalIterations => (long)Epochs * BatchesPerEpoch;
}
