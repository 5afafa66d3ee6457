using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.Kt;

/// <summary>What kt's paired forward pass gives: per-step logits <c>[T, B, K]</c> and aligned features <c>[T, B, ...]</c> of each branch.</summary>
public sealed record KtPairOutput(Tensor StaticLogits, Tensor EventLogits, Tensor StaticFeatures, Tensor EventFeatures);
