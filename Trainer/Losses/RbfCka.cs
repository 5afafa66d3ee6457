using static TorchSharp.torch;

namespace Snnsweep.Trainer.Losses;

/// <summary>
/// CKA with a Gaussian (RBF) kernel (docs/methods.md §1.9, §4.4; kt's <c>kt.ckaKernel=rbf</c>): for feature matrices of
/// shape <c>B x D</c>, <c>K_ij = exp(-d²_ij / (2 sigma²))</c> with <c>d²_ij = ‖x_i - x_j‖²</c>, and
/// <c>sigma² = s² · median(d²)</c> over the batch's pairs i ≠ j, as the common CKA code writes it (the median of the
/// non-zero squared distances, sigma its square root, scaled by <c>s</c>). The bandwidth is a constant of each batch:
/// no gradient flows through the median. The kernels are then centred and compared as in <see cref="LinearCka"/>.
/// </summary>
public static class RbfCka
{
    // Floors sigma² when every pair coincides (a silent layer): the kernel is then all ones and CKA 0, not NaN.
    private const double Epsilon = 1e-12;

    /// <summary>RBF CKA of <c>[..., B, D]</c> inputs (trailing dimensions flattened), giving <c>[...]</c>.</summary>
    public static Tensor Compute(Tensor x, Tensor y, double scale, int batchDimension)
    {
        if (!(scale > 0)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "the RBF bandwidth scale must be positive");
        using var scope = NewDisposeScope();
        var result = LinearCka.FromGrams(Kernel(x, scale, batchDimension), Kernel(y, scale, batchDimension));
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>RBF CKA of two <c>[B, ...]</c> feature tensors (a scalar).</summary>
    public static Tensor Compute(Tensor x, Tensor y, double scale) => Compute(x, y, scale, batchDimension: 0);

    /// <summary>One RBF CKA per step of <c>[T, B, ...]</c> inputs, shaped <c>[T]</c>.</summary>
    public static Tensor PerStep(Tensor x, Tensor y, double scale) => Compute(x, y, scale, batchDimension: 1);

    /// <summary>
    /// The median of the squared pairwise distances <c>[..., B, B]</c> over the pairs i ≠ j, shaped <c>[...]</c>
    /// (the mean of the two middle values: a batch has an even number B(B - 1) of ordered pairs); 0 for B &lt; 2.
    /// </summary>
    public static Tensor MedianSquaredDistance(Tensor squaredDistances)
    {
        var batch = squaredDistances.shape[^1];
        var leading = squaredDistances.shape[..^2];
        if (batch < 2) return zeros(leading, dtype: squaredDistances.dtype, device: squaredDistances.device);
        using var scope = NewDisposeScope();
        var offDiagonal = eye(batch, dtype: ScalarType.Bool, device: squaredDistances.device).logical_not();
        var pairs = squaredDistances.masked_select(offDiagonal).reshape([.. leading, batch * (batch - 1)]);
        var (sorted, _) = pairs.sort(-1);
        var middle = batch * (batch - 1) / 2;
        var median = (sorted.select(-1, middle - 1) + sorted.select(-1, middle)) / 2;
        return median.MoveToOuterDisposeScope();
    }

    /// <summary>The squared pairwise distances <c>[..., B, B]</c> of <c>[..., B, ...]</c> features, from their Gram matrix.</summary>
    public static Tensor SquaredDistances(Tensor features, int batchDimension)
    {
        using var scope = NewDisposeScope();
        var gram = LinearCka.Gram(features, batchDimension);
        var norms = gram.diagonal(0, -2, -1);
        // Rounding can leave a pair's distance a hair below zero; it is zero.
        var distances = (norms.unsqueeze(-1) + norms.unsqueeze(-2) - gram * 2).clamp_min(0);
        return distances.MoveToOuterDisposeScope();
    }

    private static Tensor Kernel(Tensor features, double scale, int batchDimension)
    {
        var squared = SquaredDistances(features, batchDimension);
        using var detached = squared.detach();
        using var median = MedianSquaredDistance(detached);
        using var variance = (median * (scale * scale)).clamp_min(Epsilon).unsqueeze(-1).unsqueeze(-1);
        using var exponent = squared / (variance * -2.0);
        var kernel = exponent.exp();
        squared.Dispose();
        return kernel;
    }
}
