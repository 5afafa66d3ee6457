using Snnsweep.Trainer.Neurons;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Models;

/// <summary>
/// Spiking pre-activation basic block (docs/methods.md §1.6): BN, LIF, conv3x3, BN, LIF, conv3x3, plus the input
/// (or BN, LIF, conv1x1 when the shape changes). Works on <c>[T, B, C, H, W]</c> currents.
/// </summary>
public sealed class PreActivationBlock : nn.Module<Tensor, Tensor>
{
    private readonly BatchNorm2d norm1;
    private readonly LifNeuron neuron1;
    private readonly Conv2d conv1;
    private readonly BatchNorm2d norm2;
    private readonly LifNeuron neuron2;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d? shortcutNorm;
    private readonly LifNeuron? shortcutNeuron;
    private readonly Conv2d? shortcutConv;

    public PreActivationBlock(int inChannels, int outChannels, int stride, LifOptions neuron) : base(nameof(PreActivationBlock))
    {
        norm1 = nn.BatchNorm2d(inChannels);
        neuron1 = new LifNeuron(neuron);
        conv1 = nn.Conv2d(inChannels, outChannels, 3, stride: stride, padding: 1, bias: false);
        norm2 = nn.BatchNorm2d(outChannels);
        neuron2 = new LifNeuron(neuron);
        conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: false);
        if (stride != 1 || inChannels != outChannels)
        {
            shortcutNorm = nn.BatchNorm2d(inChannels);
            shortcutNeuron = new LifNeuron(neuron);
            shortcutConv = nn.Conv2d(inChannels, outChannels, 1, stride: stride, bias: false);
        }
        RegisterComponents();
    }

    public IEnumerable<LifNeuron> Neurons
    {
        get
        {
            yield return neuron1;
            yield return neuron2;
            if (shortcutNeuron is not null) yield return shortcutNeuron;
        }
    }

    public int WeightLayers => shortcutConv is null ? 2 : 3;

    public override Tensor forward(Tensor input)
    {
        var steps = input.shape[0];
        using var a = Activate(input, norm1, neuron1);
        using var b = Convolve(a, conv1, steps);
        using var c = Activate(b, norm2, neuron2);
        using var d = Convolve(c, conv2, steps);
        if (shortcutConv is null) return d + input;
        using var s = Activate(input, shortcutNorm!, shortcutNeuron!);
        using var shortcut = Convolve(s, shortcutConv, steps);
        return d + shortcut;
    }

    private static Tensor Activate(Tensor x, BatchNorm2d norm, LifNeuron neuron)
    {
        using var merged = x.flatten(0, 1);
        using var normalised = norm.forward(merged);
        using var currents = normalised.reshape(x.shape);
        return neuron.forward(currents);
    }

    private static Tensor Convolve(Tensor x, Conv2d conv, long steps)
    {
        using var merged = x.flatten(0, 1);
        using var y = conv.forward(merged);
        var shape = y.shape;
        return y.reshape([steps, shape[0] / steps, shape[1], shape[2], shape[3]]);
    }
}
