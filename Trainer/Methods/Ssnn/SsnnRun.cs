using System.Globalization;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using Snnsweep.Trainer.Training;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.Ssnn;

/// <summary>
/// An ssnn run (docs/methods.md §2): event batches through the staged network; the loss is the final classifier's
/// plus <c>sum_i lambda_i</c> times each early classifier's, each on its own stage's steps.
/// </summary>
internal sealed class SsnnRun(TrainingConfig config, DatasetSplits data, Device device)
    : ShuffledEventRun<SsnnModel>(config, data.Train, device, NewModel(config, data.Train))
{
    public override IReadOnlyList<LifNeuron> Neurons => Model.Network.Neurons;

    public override InferenceCost Cost => Model.Network.Cost;

    public override Tensor Loss(TrainingBatch batch, BatchPosition position)
    {
        var (final, early) = Model.ForwardTraining(batch.Events);
        var total = ClassLoss.Compute(final, batch.Labels);
        final.Dispose();
        // Summed on the device, read once per epoch: no host read per batch for the stage losses.
        Metrics.Add("finalLoss", total);
        var weights = Config.Ssnn.EarlyWeights;
        for (var i = 0; i < early.Count; i++)
        {
            using var logits = early[i];
            using var earlyLoss = ClassLoss.Compute(logits, batch.Labels);
            Metrics.Add(string.Create(CultureInfo.InvariantCulture, $"earlyLoss{i + 1}"), earlyLoss);
            var sum = total + earlyLoss * weights[i];
            total.Dispose();
            total = sum;
        }
        // The early classifiers' neurons are no part of the inference firing rates; start their counts afresh (unread).
        foreach (var classifier in Model.EarlyClassifiers) classifier.Neuron.ResetFiringRate();
        return total;
    }

    private static SsnnModel NewModel(TrainingConfig config, FrameDataset train)
    {
        var stageLayers = SsnnStages.Split(VggLayerString.Parse(config.Layers), config.Ssnn.Stages);
        var steps = config.Ssnn.StageTimesteps(config.Timesteps);
        return NetworkFactory.Seeded(config.Seed, () => new SsnnModel(
            new SsnnNetwork(stageLayers, steps, train.Channels, train.Height, train.Width, train.ClassNames.Count, config.Neuron),
            train.ClassNames.Count, config.Neuron));
    }
}
