using Snnsweep.Trainer.Neurons;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Models;

/// <summary>
/// The modules of a parsed VGG layer list, built in order (so parameters are initialised in the same order wherever
/// it is used): a spiking conv block per conv layer, a pooling per pool; the one place that sizes a VGG stack, for
/// <see cref="VggSnn"/> and <see cref="VggTrunk"/>.
/// </summary>
internal static class VggLayerStack
{
    /// <summary>What <see cref="Build"/> made: the modules, their spiking layers in forward order, and the output's shape per step.</summary>
    public sealed record Stack(nn.Module<Tensor, Tensor>[] Modules, LifNeuron[] Neurons, int Channels, int Height, int Width);

    /// <param name="what">How the layers are named in the error when they shrink the input to nothing.</param>
    public static Stack Build(IReadOnlyList<VggLayer> layers, int inputChannels, int height, int width, LifOptions neuron, string what)
    {
        var modules = new List<nn.Module<Tensor, Tensor>>();
        var neurons = new List<LifNeuron>();
        int channels = inputChannels, h = height, w = width;
        foreach (var layer in layers)
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
                throw new ArgumentException($"{what} shrink a {height}x{width} input to nothing; use fewer poolings or strides");
        }
        return new Stack([.. modules], [.. neurons], channels, h, w);
    }
}
