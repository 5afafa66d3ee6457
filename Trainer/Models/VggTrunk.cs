using Snnsweep.Trainer.Neurons;
using TorchSharp;
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
        var modules = new List<nn.Module<Tensor, Tensor>>();
        var neurons = new List<LifNeuron>();
        int channels = inputChannels, h = height, w = width;
        foreach (var layer in layerList)
        {
            if (layer.Kind == VggLayerKind.Conv)
            {
                var block = new SpikingConvBlock(channels, layer.Channels, layer.Size, layer.Stride, neuron);
                modules.Add(block);
                neurons.Add(block.Neuron);
                channels = layer.Channels;
                h = (h + 2 * (layer.Size / 2) - layer.Size) / layer.Stride + 1;
                w = (w + 2 * (layer.Size / 2) - layer.Size) / layer.Stride + 1;
            }
            else
            {
                modules.Add(new TimeDistributedPool(layer.Kind, layer.Size));
                h /= layer.Size;
                w /= layer.Size;
            }
            if (h < 1 || w < 1)
                throw new ArgumentException($"layers shrink a {height}x{width} input to nothing; use fewer poolings or strides");
        }
        layers = nn.ModuleList(modules.ToArray());
        _neurons = neurons.ToArray();
        OutputChannels = channels;
        OutputHeight = h;
        OutputWidth = w;
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
