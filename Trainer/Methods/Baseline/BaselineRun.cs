using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using Snnsweep.Trainer.Training;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.Baseline;

/// <summary>A baseline run: one network, shuffled event batches, the configured classification loss.</summary>
internal sealed class BaselineRun(TrainingConfig config, DatasetSplits data, Device device)
    : ShuffledEventRun<SpikingNetwork>(config, data.Train, device,
        NetworkFactory.Create(config, data.Train.Channels, data.Train.Height, data.Train.Width, data.Train.ClassNames.Count))
{
    public override IReadOnlyList<LifNeuron> Neurons => Model.Neurons;

    public override InferenceCost Cost => InferenceCost.Uniform(Config.Timesteps, Model.WeightLayers);

    public override Tensor Loss(TrainingBatch batch, BatchPosition position)
    {
        using var logits = Model.forward(batch.Events);
        return ClassLoss.Compute(logits, batch.Labels);
    }
}
