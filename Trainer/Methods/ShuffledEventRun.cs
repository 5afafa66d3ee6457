using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Training;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods;

/// <summary>A method run that trains on <see cref="ShuffledEventBatches"/> (baseline, ssnn, kt): the same batches from the same seed.</summary>
internal abstract class ShuffledEventRun<TModel>(TrainingConfig config, FrameDataset train, Device device, TModel model)
    : MethodRun<TModel>(config, device, model) where TModel : nn.Module<Tensor, Tensor>
{
    protected ShuffledEventBatches Batches { get; } = new(config, train, device);

    public override int BatchesPerEpoch => Batches.BatchesPerEpoch;

    public override int SamplesPerEpoch => Batches.SamplesPerEpoch;

    public override TrainingBatch LoadBatch(BatchPosition position) => Batches.Load(position);

    public override void Prefetch(BatchPosition position) => Batches.Prefetch(position);

    protected override void DisposeInputs() => Batches.Dispose();
}
