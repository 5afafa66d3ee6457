using Snnsweep.Trainer.Neurons;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Models;

/// <summary>
/// Conv (no bias) then BatchNorm over the merged <c>T*B</c> axis then LIF: the layer every VGG-style SNN of
/// docs/methods.md is made of. Input and output are <c>[T, B, C, H, W]</c>.
/// </summary>
public sealed class SpikingConvBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d norm;
    private readonly LifNeuron neuron;

    public SpikingConvBlock(int inChannels, int outChannels, int kernel, int stride, LifOptions neuronOptions)
        : base(nameof(SpikingConvBlock))
    {
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2, bias: false);
        norm = nn.BatchNorm2d(outChannels);
        neuron = new LifNeuron(neuronOptions);
        RegisterComponents();
    }

    public LifNeuron Neuron => neuron;

    public override Tensor forward(Tensor input)
    {
        var steps = input.shape[0];
        using var merged = input.flatten(0, 1);
        using var convolved = conv.forward(merged);
        using var normalised = norm.forward(convolved);
        var shape = normalised.shape;
        using var currents = normalised.reshape([steps, shape[0] / steps, shape[1], shape[2], shape[3]]);
        return neuron.forward(currents);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            conv.Dispose();
            norm.Dispose();
            neuron.Dispose();
        }
        base.Dispose(disposing);
    }
}
