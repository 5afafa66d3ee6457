using Snnsweep.Trainer.Neurons;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods;

/// <summary>
/// One run of a method: its modules and the steps <see cref="Training.TrainingLoop"/> calls. Every batch is
/// a pure function of (seed, epoch, batch), so a run resumed from a checkpoint of <see cref="Module"/> and the
/// optimiser continues exactly.
/// </summary>
public interface IMethodRun : IDisposable
{
    /// <summary>Everything trainable (extra learnables such as kt's coefficients included): optimised and checkpointed.</summary>
    nn.Module Module { get; }

    /// <summary>Parameters exempt from weight decay (scalar schedule-like learnables, as timm's AdamW exempts 1-D ones).</summary>
    IReadOnlyList<Parameter> UndecayedParameters => [];

    /// <summary>Optimisation steps per epoch.</summary>
    int BatchesPerEpoch { get; }

    /// <summary>Training examples (samples or pairs) per epoch, for throughput.</summary>
    int SamplesPerEpoch { get; }

    /// <summary>The spiking layers on the inference path, in forward order (firing rates).</summary>
    IReadOnlyList<LifNeuron> Neurons { get; }

    /// <summary>What inference costs: time steps, weight layers, layer-steps.</summary>
    InferenceCost Cost { get; }

    /// <summary>Builds the batch at <paramref name="position"/> (in the caller's dispose scope).</summary>
    TrainingBatch LoadBatch(BatchPosition position);

    /// <summary>
    /// Starts building the event frames of the batch at <paramref name="position"/> ahead, for the next
    /// <see cref="LoadBatch"/> (on CUDA: assembled in pinned memory on a background task and copied without
    /// blocking). A batch is the same whether or not it was prefetched; a run that cannot work ahead does nothing.
    /// </summary>
    void Prefetch(BatchPosition position)
    {
    }

    /// <summary>Forward pass and the method's loss on <paramref name="batch"/> (a scalar with its graph).</summary>
    Tensor Loss(TrainingBatch batch, BatchPosition position);

    /// <summary>Per-step logits <c>[T, B, K]</c> of the inference path for event frames <c>[T, B, C, H, W]</c>.</summary>
    Tensor Predict(Tensor events);

    /// <summary>The method's metrics averaged over the batches since the last call (e.g. alignment loss), then reset.</summary>
    IReadOnlyDictionary<string, double> TakeEpochMetrics();

    /// <summary>Per-step learnable coefficients the method reports at the end (kt's w_t); empty for others.</summary>
    IReadOnlyList<double> Coefficients => [];
}
