using Snnsweep.Trainer.Neurons;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Models;

/// <summary>
/// A VGG-style SNN sized by a layer string (<see cref="VggLayerString"/>): spiking conv blocks and poolings,
/// then a linear readout at every step. Covers Tiny-VGG-3, VGGSNN and VGG-9 of docs/methods.md.
/// </summary>
public sealed class VggSnn : SpikingNetwork
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> features;
    private readonly Linear classifier;
    private readonly LifNeuron[] _neurons;

    public VggSnn(string layers, int inputChannels, int height, int width, int classes, LifOptions neuron)
        : base(nameof(VggSnn))
    {
        var stack = VggLayerStack.Build(VggLayerString.Parse(layers), inputChannels, height, width, neuron, $"layers '{layers}'");
        features = nn.ModuleList(stack.Modules);
        FeatureSize = stack.Channels * stack.Height * stack.Width;
        classifier = nn.Linear(FeatureSize, classes);
        _neurons = stack.Neurons;
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
