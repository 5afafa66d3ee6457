using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Losses;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using Snnsweep.Trainer.Training;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.R2etl;

/// <summary>
/// An r2etl run (docs/methods.md §3): static images in their own channels, repeated over the steps (direct
/// encoding), paired cyclically with event samples of their class; the loss is
/// <c>L(z^s) + L(z^e) + lambda_enc (1 - CKA(sum_t s^s_t, sum_t s^e_t)) + lambda_feat (1 - TCKA(m^s, m^e))</c>
/// over stem spike counts and bottleneck membranes, the feature term TCKA or the ablation's CKA, MSE or MMD
/// (<c>r2etl.featureLoss</c>).
/// </summary>
internal sealed class R2etlRun : MethodRun<R2etlModel>
{
    private const int SpikeDraws = 3;

    private readonly R2etlPairStream _pairs;
    private readonly FrameBatcher _batcher;
    private readonly StaticImageEncoder _static;

    public R2etlRun(TrainingConfig config, DatasetSplits data, Device device)
        : this(config, data, device, StaticImages(config, data))
    {
    }

    // The network's static stem takes the encoded images' channels: the images are read before the network is built.
    private R2etlRun(TrainingConfig config, DatasetSplits data, Device device, StaticImageEncoder images)
        : base(config, device, NetworkFactory.Seeded(config.Seed, () => new R2etlModel(VggLayerString.Parse(config.Layers), images.Channels,
            data.Train.Channels, data.Train.Height, data.Train.Width, config.R2etl.Bottleneck, data.Train.ClassNames.Count, config.Neuron)))
    {
        var train = data.Train;
        _static = images;
        _pairs = new R2etlPairStream(_static.Labels, train.Labels, train.ClassNames.Count, config.EpochSamples, config.BatchSize, config.Seed);
        _batcher = new FrameBatcher(train, config.BatchSize, device);
        Cost = InferenceCost.Uniform(config.Timesteps, Model.WeightLayers);
    }

    public override int BatchesPerEpoch => _pairs.BatchesPerEpoch;

    public override int SamplesPerEpoch => _pairs.PairsPerEpoch;

    public override IReadOnlyList<LifNeuron> Neurons => Model.Neurons;

    public override InferenceCost Cost { get; }

    public override TrainingBatch LoadBatch(BatchPosition position)
    {
        var (statics, events) = _pairs.Pairs(position);
        var (loaded, y) = _batcher.Load(events);
        Tensor x;
        using (loaded) x = EventAugmentation.Apply(loaded, Config, position);
        using var images = _static.Load(statics, Device);
        var steps = x.shape[0];
        using var repeated = images.unsqueeze(0).expand(steps, -1, -1, -1, -1);
        var coding = Config.R2etl.StaticCoding;
        // Direct encoding: the image is the input current at every step.
        if (coding == R2etlStaticCoding.Direct) return new TrainingBatch(x, y, repeated.alias());

        // The spike codes draw from a generator seeded by the batch's position, so a resumed run draws the same.
        using var generator = new Generator((ulong)BatchRandom.For(Config.Seed, position, SpikeDraws).NextInt64());
        using var poisson = rand(repeated.shape, generator: generator).to(Device).lt(repeated).to_type(ScalarType.Float32);
        if (coding == R2etlStaticCoding.Poisson) return new TrainingBatch(x, y, poisson.alias());
        using var edges = _static.LoadEdges(statics, Device).unsqueeze(0);
        using var probability = poisson * 0.1 + edges * 0.9;
        using var spikes = rand(repeated.shape, generator: generator).to(Device).lt(probability).to_type(ScalarType.Float32);
        return new TrainingBatch(x, y, spikes.alias());
    }

    // Only the frames are built ahead: every random draw stays in LoadBatch, in the order it always had.
    public override void Prefetch(BatchPosition position)
    {
        if (_batcher.Prefetches) _batcher.Prefetch(_pairs.Pairs(position).Events);
    }

    public override Tensor Loss(TrainingBatch batch, BatchPosition position)
    {
        var staticInput = batch.Static ?? throw new ArgumentException("an r2etl batch needs its static partners", nameof(batch));
        var options = Config.R2etl;
        var tcka = options.EncoderLoss == R2etlEncoderLoss.Tcka;
        var output = Model.ForwardPair(staticInput, batch.Events, stemMembranes: tcka, Config.PairedForward,
            bottleneckSpikes: options.FeatureLoss == R2etlFeatureLoss.Cka);
        using var staticLogits = output.StaticLogits;
        using var eventLogits = output.EventLogits;
        using var staticStem = output.StaticStem;
        using var eventStem = output.EventStem;
        using var staticBottleneck = output.StaticBottleneck;
        using var eventBottleneck = output.EventBottleneck;
        using var staticSpikes = output.StaticBottleneckSpikes;
        using var eventSpikes = output.EventBottleneckSpikes;

        using var staticLoss = ClassLoss.Compute(staticLogits, batch.Labels);
        using var eventLoss = ClassLoss.Compute(eventLogits, batch.Labels);
        using var encoderCka = tcka ? LinearCka.Temporal(staticStem, eventStem) : SpikeCountCka(staticStem, eventStem);
        // The bottleneck TCKA is reported whichever loss aligns the features, so the runs of the ablation compare on it.
        using var featureTcka = options.FeatureLoss == R2etlFeatureLoss.Tcka
            ? LinearCka.Temporal(staticBottleneck, eventBottleneck)
            : DetachedTcka(staticBottleneck, eventBottleneck);
        using var featureLoss = options.FeatureLoss == R2etlFeatureLoss.Tcka
            ? 1.0 - featureTcka
            : FeatureLoss(options.FeatureLoss, staticBottleneck, eventBottleneck, staticSpikes, eventSpikes);

        // Summed on the device, read once per epoch: reading them here would stop a GPU five times a batch.
        Metrics.Add("staticLoss", staticLoss);
        Metrics.Add("eventLoss", eventLoss);
        Metrics.Add("encoderCka", encoderCka);
        Metrics.Add("tcka", featureTcka);
        Metrics.Add("featureLoss", featureLoss);
        return staticLoss + eventLoss + (1.0 - encoderCka) * options.EncoderWeight + featureLoss * options.FeatureWeight;
    }

    protected override void DisposeInputs() => _batcher.Dispose();

    private static StaticImageEncoder StaticImages(TrainingConfig config, DatasetSplits data)
    {
        var images = data.Static ?? throw new ArgumentException($"r2etl needs static images, and dataset {data.Name} has none");
        return new StaticImageEncoder(images, data.Train.Height, data.Train.Width, config.StaticFit, StaticEncoding.Direct, config.StaticSamples);
    }

    /// <summary>The feature alignment loss at the bottleneck (docs/methods.md §3.4): 1 - TCKA, 1 - CKA of spike counts, MSE or linear MMD.</summary>
    internal static Tensor FeatureLoss(R2etlFeatureLoss kind, Tensor staticMembranes, Tensor eventMembranes, Tensor? staticSpikes, Tensor? eventSpikes)
    {
        switch (kind)
        {
            case R2etlFeatureLoss.Tcka:
            {
                using var tcka = LinearCka.Temporal(staticMembranes, eventMembranes);
                return 1.0 - tcka;
            }
            case R2etlFeatureLoss.Cka:
            {
                using var cka = SpikeCountCka(staticSpikes!, eventSpikes!);
                return 1.0 - cka;
            }
            case R2etlFeatureLoss.Mse:
                return FeatureDistance.MeanSquaredError(staticMembranes, eventMembranes);
            case R2etlFeatureLoss.Mmd:
                return FeatureDistance.LinearMmd(staticMembranes, eventMembranes);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown feature loss");
        }
    }

    private static Tensor DetachedTcka(Tensor staticMembranes, Tensor eventMembranes)
    {
        using var _ = no_grad();
        return LinearCka.Temporal(staticMembranes, eventMembranes);
    }

    private static Tensor SpikeCountCka(Tensor staticSpikes, Tensor eventSpikes)
    {
        using var staticCounts = staticSpikes.sum([0L]);
        using var eventCounts = eventSpikes.sum([0L]);
        return LinearCka.Compute(staticCounts, eventCounts);
    }
}
