using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.R2etl;

/// <summary>
/// r2etl's network (docs/methods.md §3.3): a static input stem and an event input stem (each the layer string's
/// first conv block), a shared trunk (the rest of the layers), a shared spiking bottleneck (linear + LIF)
/// and a shared linear classifier at every step. Inference is event stem, trunk, bottleneck, classifier.
/// How the domains share the trunk in training is <see cref="PairedForward"/>.
/// </summary>
public sealed class R2etlModel : nn.Module<Tensor, Tensor>
{
    private readonly SpikingConvBlock staticStem;
    private readonly SpikingConvBlock eventStem;
    private readonly VggTrunk trunk;
    private readonly Linear bottleneck;
    private readonly LifNeuron bottleneckNeuron;
    private readonly Linear classifier;

    public R2etlModel(IReadOnlyList<VggLayer> layers, int staticChannels, int eventChannels, int height, int width, int bottleneckWidth, int classes, LifOptions neuron)
        : base(nameof(R2etlModel))
    {
        if (layers.Count == 0 || layers[0].Kind != VggLayerKind.Conv)
            throw new ArgumentException("r2etl's input stems are the first layer, which must be a conv", nameof(layers));
        var stem = layers[0];
        staticStem = new SpikingConvBlock(staticChannels, stem.Channels, stem.Size, stem.Stride, neuron);
        eventStem = new SpikingConvBlock(eventChannels, stem.Channels, stem.Size, stem.Stride, neuron);
        var h = (height + 2 * (stem.Size / 2) - stem.Size) / stem.Stride + 1;
        var w = (width + 2 * (stem.Size / 2) - stem.Size) / stem.Stride + 1;
        trunk = new VggTrunk(layers.Skip(1).ToList(), stem.Channels, h, w, neuron);
        bottleneck = nn.Linear(trunk.OutputSize, bottleneckWidth);
        bottleneckNeuron = new LifNeuron(neuron);
        classifier = nn.Linear(bottleneckWidth, classes);
        RegisterComponents();
    }

    /// <summary>Spiking layers of the inference path: event stem, trunk, bottleneck.</summary>
    public IReadOnlyList<LifNeuron> Neurons => [eventStem.Neuron, .. trunk.Neurons, bottleneckNeuron];

    /// <summary>Weight layers at inference: stem, trunk convs, bottleneck, classifier.</summary>
    public int WeightLayers => 1 + trunk.ConvLayers + 2;

    /// <summary>Event logits <c>[T, B, K]</c>: the inference path.</summary>
    public override Tensor forward(Tensor events)
    {
        using var stem = eventStem.forward(events);
        var (logits, _, _) = Head(stem);
        return logits;
    }

    /// <summary>
    /// Both domains: per-step logits, the stems' outputs (spikes, or pre-spike membranes when
    /// <paramref name="stemMembranes"/>), the bottleneck's pre-spike membranes <c>[T, B, width]</c> and, when
    /// <paramref name="bottleneckSpikes"/>, its spikes. Separate makes one pass per domain as the authors' code does;
    /// joint runs the shared layers once on both stems' outputs.
    /// </summary>
    public R2etlPairOutput ForwardPair(Tensor staticInput, Tensor events, bool stemMembranes, PairedForward mode, bool bottleneckSpikes = false)
    {
        if (mode == PairedForward.Separate)
        {
            var (staticLogits, staticStemOut, staticBottleneck, staticSpikesOut) = Branch(staticStem, staticInput, stemMembranes, bottleneckSpikes);
            var (eventLogits, eventStemOut, eventBottleneck, eventSpikesOut) = Branch(eventStem, events, stemMembranes, bottleneckSpikes);
            return new R2etlPairOutput(staticLogits, eventLogits, staticStemOut, eventStemOut, staticBottleneck, eventBottleneck)
            {
                StaticBottleneckSpikes = staticSpikesOut,
                EventBottleneckSpikes = eventSpikesOut,
            };
        }
        var batch = events.shape[1];
        var stemTap = stemMembranes ? MembraneTap.PreSpike : MembraneTap.None;
        staticStem.Neuron.Tap = stemTap;
        eventStem.Neuron.Tap = stemTap;
        bottleneckNeuron.Tap = MembraneTap.PreSpike;
        try
        {
            var staticSpikes = staticStem.forward(staticInput);
            var eventSpikes = eventStem.forward(events);
            using var both = cat([staticSpikes, eventSpikes], 1);
            var (logits, membrane, spikes) = Head(both, bottleneckSpikes);
            using (logits)
            using (membrane)
            using (spikes)
            {
                if (stemMembranes)
                {
                    staticSpikes.Dispose();
                    eventSpikes.Dispose();
                    staticSpikes = staticStem.Neuron.LastMembrane!.alias();
                    eventSpikes = eventStem.Neuron.LastMembrane!.alias();
                }
                return new R2etlPairOutput(
                    logits.narrow(1, 0, batch), logits.narrow(1, batch, batch),
                    staticSpikes, eventSpikes,
                    membrane!.narrow(1, 0, batch), membrane.narrow(1, batch, batch))
                {
                    StaticBottleneckSpikes = spikes?.narrow(1, 0, batch),
                    EventBottleneckSpikes = spikes?.narrow(1, batch, batch),
                };
            }
        }
        finally
        {
            staticStem.Neuron.Tap = MembraneTap.None;
            eventStem.Neuron.Tap = MembraneTap.None;
            bottleneckNeuron.Tap = MembraneTap.None;
        }
    }

    private (Tensor Logits, Tensor Stem, Tensor Bottleneck, Tensor? BottleneckSpikes) Branch(SpikingConvBlock stem, Tensor input, bool stemMembranes, bool bottleneckSpikes)
    {
        stem.Neuron.Tap = stemMembranes ? MembraneTap.PreSpike : MembraneTap.None;
        bottleneckNeuron.Tap = MembraneTap.PreSpike;
        try
        {
            var spikes = stem.forward(input);
            var (logits, membrane, headSpikes) = Head(spikes, bottleneckSpikes);
            if (!stemMembranes) return (logits, spikes, membrane!, headSpikes);
            spikes.Dispose();
            // Aliases keep the membranes alive after the next pass replaces the neurons' own references.
            return (logits, stem.Neuron.LastMembrane!.alias(), membrane!, headSpikes);
        }
        finally
        {
            stem.Neuron.Tap = MembraneTap.None;
            bottleneckNeuron.Tap = MembraneTap.None;
        }
    }

    /// <summary>Trunk, bottleneck and classifier on stem spikes; also the bottleneck membrane when tapped, and its spikes when asked for.</summary>
    private (Tensor Logits, Tensor? Membrane, Tensor? Spikes) Head(Tensor stemSpikes, bool keepSpikes = false)
    {
        var steps = stemSpikes.shape[0];
        using var features = trunk.forward(stemSpikes);
        using var flat = features.flatten(2).flatten(0, 1);
        using var currents = bottleneck.forward(flat);
        using var stepped = currents.reshape(steps, -1, currents.shape[1]);
        using var spikes = bottleneckNeuron.forward(stepped);
        using var spikesFlat = spikes.flatten(0, 1);
        using var logits = classifier.forward(spikesFlat);
        return (logits.reshape(steps, -1, logits.shape[1]), bottleneckNeuron.LastMembrane?.alias(), keepSpikes ? spikes.alias() : null);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            staticStem.Dispose();
            eventStem.Dispose();
            trunk.Dispose();
            bottleneck.Dispose();
            bottleneckNeuron.Dispose();
            classifier.Dispose();
        }
        base.Dispose(disposing);
    }
}
