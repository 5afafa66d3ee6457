using Snnsweep.Trainer.Data;

namespace Snnsweep.Trainer.Training;

/// <summary>The outcome of a finished run.</summary>
/// <param name="Config">The configuration that was trained.</param>
/// <param name="Curve">Metrics of every epoch, resumed ones included.</param>
/// <param name="ValAccuracy">Validation accuracy of the final model.</param>
/// <param name="TestAccuracy">Test accuracy of the final model (for reporting only; never for selection).</param>
/// <param name="AverageTimestep">Time steps a sample uses at inference.</param>
/// <param name="WeightLayers">Weight layers of the network; times T gives the inference cost in layer-steps.</param>
/// <param name="ResumedFromEpoch">The epoch a checkpoint resumed from, or 0 for a fresh run.</param>
public sealed record TrainingResult(
    TrainingConfig Config,
    IReadOnlyList<EpochMetrics> Curve,
    double ValAccuracy,
    double TestAccuracy,
    double AverageTimestep,
    int WeightLayers,
    int ResumedFromEpoch)
{
    /// <summary>Weight-layer evaluations per sample at inference; null means every layer runs every step (T x layers).</summary>
    public double? LayerSteps { get; init; }

    /// <summary>Batches of epoch <see cref="ResumedFromEpoch"/> + 1 that a mid-epoch checkpoint had already trained (0 = none).</summary>
    public int ResumedFromBatch { get; init; }

    /// <summary>Time steps of every stage (ssnn); one entry for single-stage networks.</summary>
    public IReadOnlyList<int> StageTimesteps { get; init; } = [];

    /// <summary>Mean spikes per neuron per step of each inference-path spiking layer on the test split.</summary>
    public IReadOnlyList<double> InferenceFiringRates { get; init; } = [];

    /// <summary>kt's final per-step coefficients w_t; empty for other methods.</summary>
    public IReadOnlyList<double> Coefficients { get; init; } = [];

    /// <summary>Where the data came from and what of it was used and left out, per split.</summary>
    public DatasetReport? Data { get; init; }

    public double SecondsPerEpoch => Curve.Count == 0 ? 0 : Curve.Average(e => e.Seconds);

    public double SamplesPerSecond => Curve.Count == 0 ? 0 : Curve.Average(e => e.SamplesPerSecond);
}
