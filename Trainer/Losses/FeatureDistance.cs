using static TorchSharp.torch;

namespace Snnsweep.Trainer.Losses;

/// <summary>
/// Distances between two domains' per-step features <c>[T, B, ...]</c>, the alternatives to TCKA in R2ETL's ablation
/// of the feature loss (docs/methods.md §3.4, §4.4): both on the time-mean features <c>x̄_b = (1/T) sum_t x_{t,b}</c>
/// (everything after the batch flattened into D). Unlike CKA they are not invariant to the features' scale.
/// </summary>
public static class FeatureDistance
{
    /// <summary>
    /// <c>(1/(B D)) sum_b ‖x̄_b - ȳ_b‖²</c>: sample b of one domain against its partner b of the other (the pairs are
    /// class-matched), so both inputs must have the same shape.
    /// </summary>
    public static Tensor MeanSquaredError(Tensor x, Tensor y)
    {
        if (!x.shape.SequenceEqual(y.shape))
            throw new ArgumentException($"MSE pairs samples and needs equal shapes, not [{string.Join(", ", x.shape)}] and [{string.Join(", ", y.shape)}]");
        using var scope = NewDisposeScope();
        var result = (TimeMean(x) - TimeMean(y)).square().mean();
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Linear maximum mean discrepancy <c>‖(1/B) sum_b x̄_b - (1/B) sum_b ȳ_b‖²</c>: the squared distance of the two
    /// domains' feature means (the MMD of a linear kernel), which compares the domains' distributions, not pairs.
    /// </summary>
    public static Tensor LinearMmd(Tensor x, Tensor y)
    {
        using var scope = NewDisposeScope();
        var difference = TimeMean(x).mean([0L]) - TimeMean(y).mean([0L]);
        var result = difference.square().sum();
        return result.MoveToOuterDisposeScope();
    }

    /// <summary><c>[B, D]</c>: the mean over steps of <c>[T, B, ...]</c> features, flattened after the batch.</summary>
    private static Tensor TimeMean(Tensor features) => features.flatten(2).mean([0L]);
}
