using Snnsweep.Trainer.Neurons;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Models;

/// <summary>
/// A spiking classifier: input <c>[T, B, C, H, W]</c>, output per-step logits <c>[T, B, classes]</c> from a
/// non-spiking linear readout; the prediction is the argmax of the time-mean logits.
/// </summary>
public abstract class SpikingNetwork : nn.Module<Tensor, Tensor>
{
    protected SpikingNetwork(string name) : base(name)
    {
    }

    /// <summary>The spiking layers in forward order, for firing rates and membrane taps.</summary>
    public abstract IReadOnlyList<LifNeuron> Neurons { get; }

    /// <summary>Number of weight layers a sample passes at every step (the inference cost is this times T).</summary>
    public abstract int WeightLayers { get; }

    /// <summary>Folds time into the batch, <c>[T, B, ...] -&gt; [T*B, ...]</c>, for per-step stateless layers.</summary>
    protected static Tensor MergeTime(Tensor x) => x.flatten(0, 1);

    /// <summary>Undoes <see cref="MergeTime"/>.</summary>
    protected static Tensor SplitTime(Tensor x, long steps)
    {
        var shape = x.shape;
        var split = new long[shape.Length + 1];
        split[0] = steps;
        split[1] = shape[0] / steps;
        Array.Copy(shape, 1, split, 2, shape.Length - 1);
        return x.reshape(split);
    }
}
