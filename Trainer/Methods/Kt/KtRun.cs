using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Losses;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using Snnsweep.Trainer.Training;
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
internal sealed class KtRun : ShuffledEventRun<KtModel>
{
    private const int PartnerDraws = 1;
    private const int SlidingDraws = 2;

    private readonly StaticImageEncoder _static;
    private readonly ClassPairedSampler _partners;

    public KtRun(TrainingConfig config, DatasetSplits data, Device device)
        : this(config, data, device, StaticPartners(config, data))
    {
    }

    // The static images are checked before the network is built, so a refused dataset builds nothing.
    private KtRun(TrainingConfig config, DatasetSplits data, Device device, (StaticImageEncoder Images, ClassPairedSampler Partners) statics)
        : base(config, data.Train, device, NewModel(config, data.Train))
    {
        (_static, _partners) = statics;
        Cost = InferenceCost.Uniform(config.Timesteps, Model.WeightLayers);
    }

    public override IReadOnlyList<Parameter> UndecayedParameters => [Model.CoefficientLogits];

    public override IReadOnlyList<LifNeuron> Neurons => Model.Neurons;

    public override InferenceCost Cost { get; }

    public override IReadOnlyList<double> Coefficients
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
        SlidingSchedule.Probability(position.Iteration, Config.Kt.Horizon * position.TotalIterations, Config.Kt.SlidingExponent);

    public override TrainingBatch LoadBatch(BatchPosition position)
    {
        var indices = Batches.Indices(position);
        var (events, labels, _) = Batches.Load(position, indices);
        var batch = indices.Length;

        var partnerRandom = BatchRandom.For(Config.Seed, position, PartnerDraws);
        var partners = new int[batch];
        for (var b = 0; b < batch; b++) partners[b] = _partners.Random(Batches.Split.Labels[indices[b]], partnerRandom);
        using var images = _static.Load(partners, Device);
        // The value channel is direct (constant-current) input: the same frame on every polarity and step.
        using var repeated = images.unsqueeze(0).expand(events.shape[0], batch, events.shape[2], events.shape[3], events.shape[4]);

        var replaced = SlidingSchedule.Draw(batch, SlidingProbability(position), BatchRandom.For(Config.Seed, position, SlidingDraws));
        Tensor staticInput;
        if (replaced.All(r => !r)) staticInput = repeated.contiguous();
        else
        {
            using var mask = tensor(replaced, device: Device).view(1, batch, 1, 1, 1);
            staticInput = where(mask, events, repeated);
        }
        return new TrainingBatch(events, labels, staticInput);
    }

    public override Tensor Loss(TrainingBatch batch, BatchPosition position)
    {
        var staticInput = batch.Static ?? throw new ArgumentException("a kt batch needs its static partners", nameof(batch));
        var options = Config.Kt;
        var output = Model.ForwardPair(staticInput, batch.Events, options.AlignLayer, Config.PairedForward);
        using var staticLogits = output.StaticLogits;
        using var eventLogits = output.EventLogits;
        using var staticFeatures = output.StaticFeatures;
        using var eventFeatures = output.EventFeatures;

        using var w = StepCoefficients();
        using var staticLoss = ClassLoss.Compute(staticLogits, batch.Labels);
        using var eventLoss = EventLoss(eventLogits, batch.Labels, w);
        using var cka = options.CkaKernel == KtCkaKernel.Rbf
            ? RbfCka.PerStep(staticFeatures, eventFeatures, options.RbfScale)
            : LinearCka.PerStep(staticFeatures, eventFeatures);
        using var misalignment = 1.0 - cka.abs();
        using var alignment = (w * misalignment).mean();

        // Summed on the device, read once per epoch: reading them here would stop a GPU four times a batch.
        Metrics.Add("alignmentLoss", alignment);
        using var meanCka = cka.mean();
        Metrics.Add("cka", meanCka);
        Metrics.Add("staticLoss", staticLoss);
        Metrics.Add("eventLoss", eventLoss);
        Metrics.Add("slidingProbability", SlidingProbability(position));
        return staticLoss + eventLoss + alignment * options.AlignWeight;
    }

    /// <summary>w_t for every step: sigmoid(c_t), the fixed alpha, or 1.</summary>
    private Tensor StepCoefficients() => Config.Kt.Coefficients switch
    {
        KtCoefficientMode.Learnable => Model.CoefficientLogits.sigmoid(),
        KtCoefficientMode.Fixed => full(Config.Timesteps, Config.Kt.FixedCoefficient, device: Device),
        _ => ones(Config.Timesteps, device: Device),
    };

    /// <summary>
    /// The event branch's classification loss with step t scaled by 1 - w_t (TET is per step; CE on the
    /// time-mean logits has no steps to scale, so it goes unscaled, as the paper's no-TET runs).
    /// </summary>
    private Tensor EventLoss(Tensor logits, Tensor labels, Tensor w)
    {
        if (Config.Kt.Coefficients == KtCoefficientMode.Off || ClassLoss is not TetLoss tet) return ClassLoss.Compute(logits, labels);
        using var stepWeights = 1.0 - w;
        return tet.Compute(logits, labels, stepWeights);
    }

    private static KtModel NewModel(TrainingConfig config, FrameDataset train) =>
        NetworkFactory.Seeded(config.Seed, () => new KtModel(VggLayerString.Parse(config.Layers), train.Channels, train.Height, train.Width,
            train.ClassNames.Count, config.Timesteps, config.Kt.InitialCoefficient, config.Neuron, config.Kt.Heads));

    /// <summary>The static images, encoded, and a sampler of one per class; refused when a class of the event data has none.</summary>
    private static (StaticImageEncoder Images, ClassPairedSampler Partners) StaticPartners(TrainingConfig config, DatasetSplits data)
    {
        var train = data.Train;
        var images = data.Static ?? throw new ArgumentException($"kt needs static images, and dataset {data.Name} has none");
        var encoder = new StaticImageEncoder(images, train.Height, train.Width, config.StaticFit, StaticEncoding.Value, config.StaticSamples);
        var partners = new ClassPairedSampler(encoder.Labels, train.ClassNames.Count);
        var missing = train.Labels.Distinct().Where(l => !partners.HasClass(l)).Select(l => train.ClassNames[l]).ToList();
        if (missing.Count > 0) throw new ArgumentException($"kt: the static images of {data.Name} have no image of class {string.Join(", ", missing)}");
        return (encoder, partners);
    }
}
