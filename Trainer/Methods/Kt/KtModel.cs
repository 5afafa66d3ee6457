using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.Kt;

/// <summary>
/// kt's network (docs/methods.md §1.3): one spiking trunk shared by both domains, a linear static head and a linear
/// event head (no output neuron), and the per-step coefficients c_t. Inference is trunk plus event head only.
/// With shared heads (the paper's SCNN) the static branch reads the trunk through the event head, so the
/// static images train the classifier used at inference too.
/// How the branches share a batch is <see cref="PairedForward"/>.
/// </summary>
public sealed class KtModel : nn.Module<Tensor, Tensor>
{
    private readonly VggTrunk trunk;
    private readonly Linear eventHead;
    private readonly Linear? staticHead;
    private readonly Parameter coefficients;

    public KtModel(IReadOnlyList<VggLayer> layers, int channels, int height, int width, int classes, int timesteps, double initialCoefficient, LifOptions neuron, KtHeads heads = KtHeads.Separate)
        : base(nameof(KtModel))
    {
        trunk = new VggTrunk(layers, channels, height, width, neuron);
        eventHead = nn.Linear(trunk.OutputSize, classes);
        // A shared head is the event head itself: no second module, so the optimiser sees each weight once.
        staticHead = heads == KtHeads.Separate ? nn.Linear(trunk.OutputSize, classes) : null;
        coefficients = nn.Parameter(full(timesteps, initialCoefficient));
        RegisterComponents();
    }

    /// <summary>c_t, one per step (w_t = sigmoid(c_t) when learnable).</summary>
    public Parameter CoefficientLogits => coefficients;

    /// <summary>The head the static branch reads: its own, or the event head when shared.</summary>
    private Linear StaticReadout => staticHead ?? eventHead;

    /// <summary>Spiking layers of the trunk, the inference path.</summary>
    public IReadOnlyList<LifNeuron> Neurons => trunk.Neurons;

    /// <summary>Weight layers at inference: the trunk's convs and the event head.</summary>
    public int WeightLayers => trunk.ConvLayers + 1;

    /// <summary>Parameters of the inference path (trunk and event head).</summary>
    public long InferenceParameterCount => trunk.parameters().Concat(eventHead.parameters()).Sum(p => p.numel());

    /// <summary>Event-branch logits <c>[T, B, K]</c>: the inference path.</summary>
    public override Tensor forward(Tensor events)
    {
        using var features = Features(events);
        return StepReadout.Apply(eventHead, features);
    }

    /// <summary>
    /// Both branches: per-step logits of each and the aligned features <c>[T, B, ...]</c> of each (with
    /// <paramref name="alignLayer"/> = membrane, the last conv layer's membrane after reset). Separate runs the
    /// static sequence through trunk and static head, then (neurons at rest again, as every forward starts
    /// them) the event sequence through trunk and event head, as the paper does; joint runs both as one batch.
    /// </summary>
    public KtPairOutput ForwardPair(Tensor staticInput, Tensor events, KtAlignLayer alignLayer, PairedForward mode)
    {
        if (mode == PairedForward.Separate)
        {
            var (staticLogits, staticAligned) = Branch(StaticReadout, staticInput, alignLayer);
            var (eventLogits, eventAligned) = Branch(eventHead, events, alignLayer);
            return new KtPairOutput(staticLogits, eventLogits, staticAligned, eventAligned);
        }
        var batch = events.shape[1];
        var tapped = trunk.Neurons[^1];
        tapped.Tap = alignLayer == KtAlignLayer.Membrane ? MembraneTap.PostReset : MembraneTap.None;
        try
        {
            using var both = cat([staticInput, events], 1);
            using var features = Features(both);
            using var staticFeatures = features.narrow(1, 0, batch);
            using var eventFeatures = features.narrow(1, batch, batch);
            var staticLogits = StepReadout.Apply(StaticReadout, staticFeatures);
            var eventLogits = StepReadout.Apply(eventHead, eventFeatures);
            if (alignLayer == KtAlignLayer.Features)
                return new KtPairOutput(staticLogits, eventLogits, staticFeatures.alias(), eventFeatures.alias());
            var membrane = tapped.LastMembrane ?? throw new InvalidOperationException("the tapped neuron kept no membrane");
            return new KtPairOutput(staticLogits, eventLogits, membrane.narrow(1, 0, batch), membrane.narrow(1, batch, batch));
        }
        finally
        {
            tapped.Tap = MembraneTap.None;
        }
    }

    private (Tensor Logits, Tensor Aligned) Branch(Linear head, Tensor input, KtAlignLayer alignLayer)
    {
        var tapped = trunk.Neurons[^1];
        tapped.Tap = alignLayer == KtAlignLayer.Membrane ? MembraneTap.PostReset : MembraneTap.None;
        try
        {
            using var features = Features(input);
            var logits = StepReadout.Apply(head, features);
            // An alias keeps the membrane alive after the next pass replaces the neuron's own reference.
            var aligned = alignLayer == KtAlignLayer.Features
                ? features.alias()
                : (tapped.LastMembrane ?? throw new InvalidOperationException("the tapped neuron kept no membrane")).alias();
            return (logits, aligned);
        }
        finally
        {
            tapped.Tap = MembraneTap.None;
        }
    }

    private Tensor Features(Tensor input)
    {
        using var spikes = trunk.forward(input);
        return spikes.flatten(2);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            trunk.Dispose();
            eventHead.Dispose();
            staticHead?.Dispose();
            coefficients.Dispose();
        }
        base.Dispose(disposing);
    }
}
