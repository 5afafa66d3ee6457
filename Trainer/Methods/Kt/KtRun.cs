using Snnsweep.Trainer.Autograd;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Losses;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using Snnsweep.Trainer.Training;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.Kt;

/// <summary>
/// A kt run (docs/methods.md §1): every event sample of a batch gets a static image of its class drawn anew each
/// iteration, encoded as its HSV value channel repeated over polarities and steps; the sliding schedule
/// replaces static inputs by their event partners with probability P(k); the loss is
/// <c>L_cls^s + L_cls^e + lambda_DA L_DA</c>, <c>L_DA = (1/T) sum_t w_t (1 - |CKA(F^s_t, F^e_t)|)</c>, with the
/// event loss of step t scaled by <c>1 - w_t</c>; the CKA is linear (the paper's) or RBF (<c>kt.ckaKernel</c>).
/// </summary>
internal sealed class KtRun : IMethodRun
{
    private const int PartnerDraws = 1;
    private const int SlidingDraws = 2;

    private readonly TrainingConfig _config;
    private readonly KtModel _model;
    private readonly IClassificationLoss _loss;
    private readonly ShuffledEventBatches _batches;
    private readonly StaticImageEncoder _static;
    private readonly ClassPairedSampler _partners;
    private readonly Device _device;
    private readonly MetricAccumulator _metrics = new();

    public KtRun(TrainingConfig config, DatasetSplits data, Device device)
    {
        _config = config;
        _device = device;
        var train = data.Train;
        var images = data.Static ?? throw new ArgumentException($"kt needs static images, and dataset {data.Name} has none");
        _static = new StaticImageEncoder(images, train.Height, train.Width, config.StaticFit, StaticEncoding.Value, config.StaticSamples);
        _partners = new ClassPairedSampler(_static.Labels, train.ClassNames.Count);
        var missing = train.Labels.Distinct().Where(l => !_partners.HasClass(l)).Select(l => train.ClassNames[l]).ToList();
        if (missing.Count > 0) throw new ArgumentException($"kt: the static images of {data.Name} have no image of class {string.Join(", ", missing)}");

        _model = NetworkFactory.Seeded(config.Seed, () => new KtModel(VggLayerString.Parse(config.Layers), train.Channels, train.Height, train.Width,
            train.ClassNames.Count, config.Timesteps, config.Kt.InitialCoefficient, config.Neuron, config.Kt.Heads));
        _model.to(device);
        FusedKernels.Apply(_model, config.FusedKernels);
        _loss = ClassificationLosses.For(config);
        _batches = new ShuffledEventBatches(config, train, device);
        Cost = InferenceCost.Uniform(config.Timesteps, _model.WeightLayers);
    }

    public nn.Module Module => _model;

    public KtModel Model => _model;

    public IReadOnlyList<Parameter> UndecayedParameters => [_model.CoefficientLogits];

    public int BatchesPerEpoch => _batches.BatchesPerEpoch;

    public int SamplesPerEpoch => _batches.SamplesPerEpoch;

    public IReadOnlyList<LifNeuron> Neurons => _model.Neurons;

    public InferenceCost Cost { get; }

    public IReadOnlyList<double> Coefficients
    {
        get
        {
            using var _ = no_grad();
            using var w = StepCoefficients();
            return w.cpu().data<float>().Select(v => (double)v).ToArray();
        }
    }

    /// <summary>P(k) at <paramref name="position"/>.</summary>
    public double SlidingProbability(BatchPosition position) =>
        SlidingSchedule.Probability(position.Iteration, _config.Kt.Horizon * position.TotalIterations, _config.Kt.SlidingExponent);

    public TrainingBatch LoadBatch(BatchPosition position)
    {
        var indices = _batches.Indices(position);
        var (events, labels, _) = _batches.Load(position, indices);
        var batch = indices.Length;

        var partnerRandom = BatchRandom.For(_config.Seed, position, PartnerDraws);
        var partners = new int[batch];
        for (var b = 0; b < batch; b++) partners[b] = _partners.Random(_batches.Split.Labels[indices[b]], partnerRandom);
        using var images = _static.Load(partners, _device);
        // The value channel is direct (constant-current) input: the same frame on every polarity and step.
        using var repeated = images.unsqueeze(0).expand(events.shape[0], batch, events.shape[2], events.shape[3], events.shape[4]);

        var replaced = SlidingSchedule.Draw(batch, SlidingProbability(position), BatchRandom.For(_config.Seed, position, SlidingDraws));
        Tensor staticInput;
        if (replaced.All(r => !r)) staticInput = repeated.contiguous();
        else
        {
            using var mask = tensor(replaced, device: _device).view(1, batch, 1, 1, 1);
            staticInput = where(mask, events, repeated);
        }
        return new TrainingBatch(events, labels, staticInput);
    }

    public void Prefetch(BatchPosition position) => _batches.Prefetch(position);

    public Tensor Loss(TrainingBatch batch, BatchPosition position)
    {
        var staticInput = batch.Static ?? throw new ArgumentException("a kt batch needs its static partners", nameof(batch));
        var options = _config.Kt;
        var output = _model.ForwardPair(staticInput, batch.Events, options.AlignLayer, _config.PairedForward);
        using var staticLogits = output.StaticLogits;
        using var eventLogits = output.EventLogits;
        using var staticFeatures = output.StaticFeatures;
        using var eventFeatures = output.EventFeatures;

        using var w = StepCoefficients();
        using var staticLoss = _loss.Compute(staticLogits, batch.Labels);
        using var eventLoss = EventLoss(eventLogits, batch.Labels, w);
        using var cka = options.CkaKernel == KtCkaKernel.Rbf
            ? RbfCka.PerStep(staticFeatures, eventFeatures, options.RbfScale)
            : LinearCka.PerStep(staticFeatures, eventFeatures);
        using var misalignment = 1.0 - cka.abs();
        using var alignment = (w * misalignment).mean();

        // Summed on the device, read once per epoch: reading them here would stop a GPU four times a batch.
        _metrics.Add("alignmentLoss", alignment);
        using var meanCka = cka.mean();
        _metrics.Add("cka", meanCka);
        _metrics.Add("staticLoss", staticLoss);
        _metrics.Add("eventLoss", eventLoss);
        _metrics.Add("slidingProbability", SlidingProbability(position));
        return staticLoss + eventLoss + alignment * options.AlignWeight;
    }

    public Tensor Predict(Tensor events) => _model.forward(events);

    public IReadOnlyDictionary<string, double> TakeEpochMetrics() => _metrics.Take();

    public void Dispose()
    {
        _batches.Dispose();
        _metrics.Dispose();
        _model.Dispose();
    }

    /// <summary>w_t for every step: sigmoid(c_t), the fixed alpha, or 1.</summary>
    private Tensor StepCoefficients() => _config.Kt.Coefficients switch
    {
        KtCoefficientMode.Learnable => _model.CoefficientLogits.sigmoid(),
        KtCoefficientMode.Fixed => full(_config.Timesteps, _config.Kt.FixedCoefficient, device: _device),
        _ => ones(_config.Timesteps, device: _device),
    };

    /// <summary>
    /// The event branch's classification loss with step t scaled by 1 - w_t (TET is per step; CE on the
    /// time-mean logits has no steps to scale, so it goes unscaled, as the paper's no-TET runs).
    /// </summary>
    private Tensor EventLoss(Tensor logits, Tensor labels, Tensor w)
    {
        if (_config.Kt.Coefficients == KtCoefficientMode.Off || _loss is not TetLoss tet) return _loss.Compute(logits, labels);
        using var stepWeights = 1.0 - w;
        return tet.Compute(logits, labels, stepWeights);
    }
}
