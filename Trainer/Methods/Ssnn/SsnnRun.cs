using System.Globalization;
using Snnsweep.Trainer.Autograd;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Losses;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using Snnsweep.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.Ssnn;

/// <summary>
/// An ssnn run (docs/methods.md §2): event batches through the staged network; the loss is the final classifier's
/// plus <c>sum_i lambda_i</c> times each early classifier's, each on its own stage's steps.
/// </summary>
internal sealed class SsnnRun : IMethodRun
{
    private readonly TrainingConfig _config;
    private readonly SsnnModel _model;
    private readonly IClassificationLoss _loss;
    private readonly ShuffledEventBatches _batches;
    private readonly MetricAccumulator _metrics = new();

    public SsnnRun(TrainingConfig config, DatasetSplits data, Device device)
    {
        _config = config;
        var train = data.Train;
        var stageLayers = SsnnStages.Split(VggLayerString.Parse(config.Layers), config.Ssnn.Stages);
        var steps = config.Ssnn.StageTimesteps(config.Timesteps);
        _model = NetworkFactory.Seeded(config.Seed, () => new SsnnModel(
            new SsnnNetwork(stageLayers, steps, train.Channels, train.Height, train.Width, train.ClassNames.Count, config.Neuron),
            train.ClassNames.Count, config.Neuron));
        _model.to(device);
        FusedKernels.Apply(_model, config.FusedKernels);
        _loss = ClassificationLosses.For(config);
        _batches = new ShuffledEventBatches(config, train, device);
        Cost = _model.Network.Cost;
    }

    public nn.Module Module => _model;

    public SsnnModel Model => _model;

    public int BatchesPerEpoch => _batches.BatchesPerEpoch;

    public int SamplesPerEpoch => _batches.SamplesPerEpoch;

    public IReadOnlyList<LifNeuron> Neurons => _model.Network.Neurons;

    public InferenceCost Cost { get; }

    public TrainingBatch LoadBatch(BatchPosition position) => _batches.Load(position);

    public void Prefetch(BatchPosition position) => _batches.Prefetch(position);

    public Tensor Loss(TrainingBatch batch, BatchPosition position)
    {
        var (final, early) = _model.ForwardTraining(batch.Events);
        var total = _loss.Compute(final, batch.Labels);
        final.Dispose();
        // Summed on the device, read once per epoch: no host read per batch for the stage losses.
        _metrics.Add("finalLoss", total);
        var weights = _config.Ssnn.EarlyWeights;
        for (var i = 0; i < early.Count; i++)
        {
            using var logits = early[i];
            using var earlyLoss = _loss.Compute(logits, batch.Labels);
            _metrics.Add(string.Create(CultureInfo.InvariantCulture, $"earlyLoss{i + 1}"), earlyLoss);
            var sum = total + earlyLoss * weights[i];
            total.Dispose();
            total = sum;
        }
        // The early classifiers' neurons are no part of the inference firing rates; start their counts afresh (unread).
        foreach (var classifier in _model.EarlyClassifiers) classifier.Neuron.ResetFiringRate();
        return total;
    }

    public Tensor Predict(Tensor events) => _model.forward(events);

    public IReadOnlyDictionary<string, double> TakeEpochMetrics() => _metrics.Take();

    public void Dispose()
    {
        _batches.Dispose();
        _metrics.Dispose();
        _model.Dispose();
    }
}
