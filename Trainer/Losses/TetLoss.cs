using static TorchSharp.torch;

namespace Snnsweep.Trainer.Losses;

/// <summary>
/// Temporal efficient training loss (Deng et al. 2022), as the KT code writes it (docs/methods.md §1.4):
/// <c>(1 - lambda) (1/T) sum_t CE(z_t, y) + lambda (1/T) sum_t MSE(z_t, target)</c>, where the MSE is the
/// mean over batch and classes and the target is a constant
/// (<c>loss.tetTarget</c>: the firing threshold unless set; 0.5 in the kt authors' code, 1 in the r2etl authors').
/// </summary>
public sealed class TetLoss(double lambda, double target) : IClassificationLoss
{
    public double Lambda { get; } = lambda is >= 0 and <= 1 ? lambda : throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "TET lambda must be in [0, 1]");

    public double Target { get; } = target;

    public Tensor Compute(Tensor logits, Tensor labels) => Compute(logits, labels, stepWeights: null);

    /// <summary>
    /// The TET loss with each step's terms scaled by <paramref name="stepWeights"/> (<c>[T]</c>), as KT's
    /// event branch scales them by <c>1 - w_t</c>; null weighs every step 1.
    /// </summary>
    public Tensor Compute(Tensor logits, Tensor labels, Tensor? stepWeights)
    {
        var steps = logits.shape[0];
        var classes = logits.shape[2];
        using var flat = logits.reshape(-1, classes);
        using var repeated = labels.repeat(steps);
        using var ce = nn.functional.cross_entropy(flat, repeated, reduction: nn.Reduction.None);
        using var cePerStep = ce.view(steps, -1).mean([1L]);
        using var difference = logits - Target;
        using var squared = difference.square();
        using var msePerStep = squared.mean([1L, 2L]);
        using var perStep = cePerStep * (1.0 - Lambda) + msePerStep * Lambda;
        if (stepWeights is null) return perStep.mean();
        using var weighted = perStep * stepWeights;
        return weighted.mean();
    }
}
