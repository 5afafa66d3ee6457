using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Training;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods;

/// <summary>
/// The event batches of the runs that train on shuffled event samples (baseline, ssnn, kt): an
/// <see cref="EventEpochPlan"/> draws each epoch's order from (seed, epoch), a <see cref="FrameBatcher"/> builds the
/// frames on the device (ahead, where it prefetches), and the configured event augmentation is applied. One place, so
/// the methods draw the same batches from the same seed.
/// </summary>
internal sealed class ShuffledEventBatches(TrainingConfig config, FrameDataset train, Device device) : IDisposable
{
    private readonly EventEpochPlan _plan = new(train.Count, config.BatchSize, config.Seed, config.EpochSamples);
    private readonly FrameBatcher _batcher = new(train, config.BatchSize, device);

    public int BatchesPerEpoch => _plan.BatchesPerEpoch;

    public int SamplesPerEpoch => _plan.SamplesPerEpoch;

    /// <summary>The training samples the batches are drawn from.</summary>
    public FrameDataset Split => _batcher.Split;

    /// <summary>The samples of the batch at <paramref name="position"/>, in order.</summary>
    public int[] Indices(BatchPosition position) => _plan.Indices(position);

    /// <summary>The augmented events and the labels of the batch at <paramref name="position"/> (in the caller's dispose scope).</summary>
    public TrainingBatch Load(BatchPosition position) => Load(position, _plan.Indices(position));

    /// <summary>The same, for a caller that has the batch's <see cref="Indices"/> already.</summary>
    public TrainingBatch Load(BatchPosition position, int[] indices)
    {
        var (x, y) = _batcher.Load(indices);
        using (x) return new TrainingBatch(EventAugmentation.Apply(x, config, position), y);
    }

    // Only the frames are built ahead: every random draw stays in Load, in the order it always had.
    public void Prefetch(BatchPosition position)
    {
        if (_batcher.Prefetches) _batcher.Prefetch(_plan.Indices(position));
    }

    public void Dispose() => _batcher.Dispose();
}
