using Snnsweep.Trainer.Autograd;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Losses;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using Snnsweep.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.Baseline;

/// <summary>A baseline run: one network, shuffled event batches, the configured classification loss.</summary>
internal sealed class BaselineRun : IMethodRun
{
    private readonly SpikingNetwork _network;
    private readonly IClassificationLoss _loss;
    private readonly ShuffledEventBatches _batches;

    public BaselineRun(TrainingConfig config, DatasetSplits data, Device device)
    {
        var train = data.Train;
        _network = NetworkFactory.Create(config, train.Channels, train.Height, train.Width, train.ClassNames.Count);
        _network.to(device);
        FusedKernels.Apply(_network, config.FusedKernels);
        _loss = ClassificationLosses.For(config);
        _batches = new ShuffledEventBatches(config, train, device);
        Cost = InferenceCost.Uniform(config.Timesteps, _network.WeightLayers);
    }

    public nn.Module Module => _network;

    public int BatchesPerEpoch => _batches.BatchesPerEpoch;

    public int SamplesPerEpoch => _batches.SamplesPerEpoch;

    public IReadOnlyList<LifNeuron> Neurons => _network.Neurons;

    public InferenceCost Cost { get; }

    public TrainingBatch LoadBatch(BatchPosition position) => _batches.Load(position);

    public void Prefetch(BatchPosition position) => _batches.Prefetch(position);

    public Tensor Loss(TrainingBatch batch, BatchPosition position)
    {
        using var logits = _network.forward(batch.Events);
        return _loss.Compute(logits, batch.Labels);
    }

    public Tensor Predict(Tensor events) => _network.forward(events);

    public IReadOnlyDictionary<string, double> TakeEpochMetrics() => new Dictionary<string, double>();

    public void Dispose()
    {
        _batches.Dispose();
        _network.Dispose();
    }
}
