using Snnsweep.Trainer.Neurons;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Models;

/// <summary>
/// A stack of VGG layers without a readout: spiking conv blocks and poolings from a parsed layer string, on
/// <c>[T, B, C, H, W]</c>. The building block the transfer and staged methods assemble their networks from
/// (a shared trunk, the stages of SSNN, the trunk behind R2ETL's stems); its output shape is known at
/// construction so heads can be sized.
/// </summary>
public sealed class VggTrunk : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<nn.Module<Tensor, Tensor>> layers;
    private readonly LifNeuron[] _neurons;

    public VggTrunk(IReadOnlyList<VggLayer> layerList, int inputChannels, int height, int width, LifOptions neuron)
        : base(nameof(VggTrunk))
    {
        var stack = VggLayerStack.Build(layerList, inputChannels, height, width, neuron, "layers");
        layers = nn.ModuleList(stack.Modules);
        _neurons = stack.Neurons;
        OutputChannels = stack.Channels;
        OutputHeight = stack.Height;
        OutputWidth = stack.Width;
        RegisterComponents();
    }

    /// <summary>The spiking layers in forward order.</summary>
    public IReadOnlyList<LifNeuron> Neurons => _neurons;

    /// <summary>Conv (weight) layers in the stack.</summary>
    public int ConvLayers => _neurons.Length;

    public int OutputChannels { get; }

    public int OutputHeight { get; }

    public int OutputWidth { get; }

    /// <summary>Width of one step's output flattened.</summary>
    public int OutputSize => OutputChannels * OutputHeight * OutputWidth;

    public override Tensor forward(Tensor input)
    {
        var x = input;
        foreach (var layer in layers)
        {
            var next = layer.forward(x);
            if (!ReferenceEquals(x, input)) x.Dispose();
            x = next;
        }
        // An empty stack passes its input through; a fresh alias keeps the caller's tensor its own to dispose.
        return ReferenceEquals(x, input) ? input.alias() : x;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) layers.Dispose();
        base.Dispose(disposing);
    }
}
