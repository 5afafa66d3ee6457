using Snnsweep.Trainer.Neurons;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Models;

/// <summary>
/// A VGG-style SNN sized by a layer string (<see cref="VggLayerString"/>): spiking conv blocks and poolings,
/// then a linear readout at every step. Covers Tiny-VGG-3, VGGSNN and VGG-9 of methods.md.
/// </summary>
public sealed class VggSnn : SpikingNetwork
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> features;
    private readonly Linear classifier;
    private readonly LifNeuron[] _neurons;

    public VggSnn(string layers, int inputChannels, int height, int width, int classes, LifOptions neuron)
        : base(nameof(VggSnn))
    {
        var parsed = VggLayerString.Parse(layers);
        var modules = new List<nn.Module<Tensor, Tensor>>();
        var neurons = new List<LifNeuron>();
        int channels = inputChannels, h = height, w = width;
        foreach (var layer in parsed)
        {
            switch (layer.Kind)
            {
                case VggLayerKind.Conv:
                    var block = new SpikingConvBlock(channels, layer.Channels, layer.Size, layer.Stride, neuron);
                    modules.Add(block);
                    neurons.Add(block.Neuron);
                    channels = layer.Channels;
                    h = (h + 2 * (layer.Size / 2) - layer.Size) / layer.Stride + 1;
                    w = (w + 2 * (layer.Size / 2) - layer.Size) / layer.Stride + 1;
                    break;
                default:
                    modules.Add(new TimeDistributedPool(layer.Kind, layer.Size));
                    h /= layer.Size;
                    w /= layer.Size;
                    break;
            }
            if (h < 1 || w < 1)
                throw new ArgumentException($"layers '{layers}' shrink a {height}x{width} input to nothing; use fewer poolings or strides");
        }
        features = nn.ModuleList(modules.ToArray());
        classifier = nn.Linear(channels * h * w, classes);
        _neurons = neurons.ToArray();
        FeatureSize = channels * h * w;
        RegisterComponents();
    }

    /// <summary>Width of the flattened feature vector the readout sees.</summary>
    public int FeatureSize { get; }

    public override IReadOnlyList<LifNeuron> Neurons => _neurons;

    public override int WeightLayers => _neurons.Length + 1;

    public override Tensor forward(Tensor input)
    {
        var steps = input.shape[0];
        var x = input;
        foreach (var layer in features)
        {
            var next = layer.forward(x);
            if (!ReferenceEquals(x, input)) x.Dispose();
            x = next;
        }
        using var flat = x.flatten(0, 1).flatten(1);
        x.Dispose();
        using var logits = classifier.forward(flat);
        return SplitTime(logits, steps);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            features.Dispose();
            classifier.Dispose();
        }
        base.Dispose(disposing);
    }
}
