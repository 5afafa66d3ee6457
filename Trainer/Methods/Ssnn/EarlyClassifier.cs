using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.Ssnn;

/// <summary>
/// SSNN's auxiliary head after a stage (docs/methods.md §2.2 step 4): conv3x3 (C -&gt; C) + BN + LIF, global average
/// pool, linear layer to the classes, at every step of the stage. Used in training only: it is no part of
/// <see cref="SsnnNetwork"/>, the inference network.
/// </summary>
public sealed class EarlyClassifier : nn.Module<Tensor, Tensor>
{
    private readonly SpikingConvBlock block;
    private readonly Linear linear;

    public EarlyClassifier(int channels, int classes, LifOptions neuron) : base(nameof(EarlyClassifier))
    {
        block = new SpikingConvBlock(channels, channels, 3, 1, neuron);
        linear = nn.Linear(channels, classes);
        RegisterComponents();
    }

    public LifNeuron Neuron => block.Neuron;

    /// <summary><c>[T, B, C, H, W]</c> stage output to per-step logits <c>[T, B, K]</c>.</summary>
    public override Tensor forward(Tensor stageOutput)
    {
        using var spikes = block.forward(stageOutput);
        using var pooled = spikes.mean([-2L, -1L]);
        return StepReadout.Apply(linear, pooled);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            block.Dispose();
            linear.Dispose();
        }
        base.Dispose(disposing);
    }
}
