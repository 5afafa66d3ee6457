namespace Snnsweep.Trainer.Training;

/// <summary>A heartbeat from the training loop, sent after every batch and at the end of every epoch.</summary>
/// <param name="Epoch">1-based epoch in progress.</param>
/// <param name="Epochs">Total epochs of the run.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="RunningLoss">Mean loss of the epoch so far.</param>
/// <param name="Completed">The metrics of the epoch when it has just finished; null during the epoch.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double RunningLoss, EpochMetrics? Completed);
