using Snnsweep.Trainer.Autograd;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Losses;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using Snnsweep.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.Baseline;

/// <summary>A baseline run: one network, shuffled event batches, the configured classification loss.</summary>
internal sealed class BaselineRun : IMethodRun
{
    private readonly TrainingConfig _config;
    private readonly SpikingNetwork _network;
    private readonly IClassificationLoss _loss;
    private readonly EventEpochPlan _plan;
    private readonly FrameBatcher _batcher;

    public BaselineRun(TrainingConfig config, DatasetSplits data, Device device)
    {
        _config = config;
        var train = data.Train;
        _network = NetworkFactory.Create(config, train.Channels, train.Height, train.Width, train.ClassNames.Count);
        _network.to(device);
        FusedKernels.Apply(_network, config.FusedKernels);
        _loss = ClassificationLosses.For(config);
        _plan = new EventEpochPlan(train.Count, config.BatchSize, config.Seed, config.EpochSamples);
        _batcher = new FrameBatcher(train, config.BatchSize, device);
        Cost = InferenceCost.Uniform(config.Timesteps, _network.WeightLayers);
    }

    public nn.Module Module => _network;

    public IReadOnlyList<Parameter> UndecayedParameters => [];

    public int BatchesPerEpoch => _plan.BatchesPerEpoch;

    public int SamplesPerEpoch => _plan.SamplesPerEpoch;

    public IReadOnlyList<LifNeuron> Neurons => _network.Neurons;

    public InferenceCost Cost { get; }

    public IReadOnlyList<double> Coefficients => [];

    public TrainingBatch LoadBatch(BatchPosition position)
    {
        var (x, y) = _batcher.Load(_plan.Indices(position));
        using (x) return new TrainingBatch(EventAugmentation.Apply(x, _config, position), y);
    }

    // Only the frames are built ahead: every random draw stays in LoadBatch, in the order it always had.
    public void Prefetch(BatchPosition position)
    {
        if (_batcher.Prefetches) _batcher.Prefetch(_plan.Indices(position));
    }

    public Tensor Loss(TrainingBatch batch, BatchPosition position)
    {
        using var logits = _network.forward(batch.Events);
        return _loss.Compute(logits, batch.Labels);
    }

    public Tensor Predict(Tensor events) => _network.forward(events);

    public IReadOnlyDictionary<string, double> TakeEpochMetrics() => new Dictionary<string, double>();

    public void Dispose()
    {
        _batcher.Dispose();
        _network.Dispose();
    }
}
