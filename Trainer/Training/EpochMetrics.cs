namespace Snnsweep.Trainer.Training;

/// <summary>What one epoch achieved and cost.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches.</param>
/// <param name="ValAccuracy">Accuracy on the validation split after the epoch.</param>
/// <param name="FiringRates">Mean spikes per neuron per step of each spiking layer during training, in forward order.</param>
/// <param name="Seconds">Wall time of the epoch, evaluation included.</param>
/// <param name="SamplesPerSecond">Training samples processed per second.</param>
/// <param name="DataWaitFraction">Share of the training time spent preparing batches rather than computing.</param>
/// <param name="LearningRate">Learning rate used during the epoch.</param>
/// <param name="MethodMetrics">The method's own per-epoch means (e.g. kt's alignment loss, r2etl's TCKA); empty for the baseline.</param>
public sealed record EpochMetrics(
    int Epoch,
    double TrainLoss,
    double ValAccuracy,
    IReadOnlyList<double> FiringRates,
    double Seconds,
    double SamplesPerSecond,
    double DataWaitFraction,
    double LearningRate,
    IReadOnlyDictionary<string, double>? MethodMetrics = null);
