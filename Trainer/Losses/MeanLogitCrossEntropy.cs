using static TorchSharp.torch;

namespace Snnsweep.Trainer.Losses;

/// <summary>Cross-entropy of the time-mean logits: <c>CE((1/T) sum_t z_t, y)</c>.</summary>
public sealed class MeanLogitCrossEntropy : IClassificationLoss
{
    public Tensor Compute(Tensor logits, Tensor labels)
    {
        using var mean = logits.mean([0L]);
        return nn.functional.cross_entropy(mean, labels);
    }
}
