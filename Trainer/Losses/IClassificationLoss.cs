using static TorchSharp.torch;

namespace Snnsweep.Trainer.Losses;

/// <summary>A loss on per-step logits <c>[T, B, K]</c> and integer labels <c>[B]</c>.</summary>
public interface IClassificationLoss
{
    Tensor Compute(Tensor logits, Tensor labels);
}
