using static TorchSharp.torch;

namespace Snnsweep.Trainer.Losses;

/// <summary>
/// Linear centred kernel alignment in its Gram form (docs/methods.md §1.4, §3.4): for feature matrices X, Y of
/// shape <c>B x D</c>, <c>K = X Xᵀ</c>, <c>L = Y Yᵀ</c>, centred by <c>H = I - 11ᵀ/B</c>, and
/// <c>CKA = &lt;HKH, HLH&gt; / (‖HKH‖ ‖HLH‖)</c>. The B x B Gram matrices keep it cheap where D is large
/// (an encoder's 16 x 34 x 34 maps). Leading dimensions are batched: <c>[T, B, D]</c> gives one CKA per step.
/// </summary>
public static class LinearCka
{
    // Floors the squared norms when a batch's features are all equal (a silent layer): CKA is then 0, not NaN.
    private const double Epsilon = 1e-12;

    /// <summary>
    /// CKA of <paramref name="x"/> and <paramref name="y"/>, shaped <c>[..., B, D]</c> (D may differ between
    /// them; trailing dimensions beyond the batch are flattened), giving <c>[...]</c>.
    /// </summary>
    public static Tensor Compute(Tensor x, Tensor y, int batchDimension)
    {
        using var scope = NewDisposeScope();
        var result = FromGrams(Gram(x, batchDimension), Gram(y, batchDimension));
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// CKA of two uncentred kernel matrices <c>[..., B, B]</c> (the linear Gram matrices here, RBF kernels in
    /// <see cref="RbfCka"/>): <c>&lt;HKH, HLH&gt; / (‖HKH‖ ‖HLH‖)</c>.
    /// </summary>
    internal static Tensor FromGrams(Tensor kernelX, Tensor kernelY)
    {
        using var scope = NewDisposeScope();
        var gramX = Centre(kernelX);
        var gramY = Centre(kernelY);
        var cross = (gramX * gramY).sum([-2L, -1L]);
        var normX = gramX.square().sum([-2L, -1L]);
        var normY = gramY.square().sum([-2L, -1L]);
        // Each norm is floored (a silent layer has none, and sqrt'(0) would turn its zero gradient into NaN)
        // and rooted before the product, which could overflow single precision at large D.
        var result = cross / (normX.clamp_min(Epsilon).sqrt() * normY.clamp_min(Epsilon).sqrt());
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>CKA of two <c>[B, ...]</c> feature tensors (a scalar).</summary>
    public static Tensor Compute(Tensor x, Tensor y) => Compute(x, y, batchDimension: 0);

    /// <summary>
    /// Temporal CKA (R2ETL's TCKA): the mean over steps of the CKA of each step's features, for
    /// <c>[T, B, ...]</c> inputs.
    /// </summary>
    public static Tensor Temporal(Tensor x, Tensor y)
    {
        using var perStep = PerStep(x, y);
        return perStep.mean();
    }

    /// <summary>One CKA per step of <c>[T, B, ...]</c> inputs, shaped <c>[T]</c>.</summary>
    public static Tensor PerStep(Tensor x, Tensor y) => Compute(x, y, batchDimension: 1);

    /// <summary>The B x B Gram matrix <c>X Xᵀ</c> of <c>[..., B, ...]</c> features (everything after the batch flattened into D).</summary>
    internal static Tensor Gram(Tensor features, int batchDimension)
    {
        var flat = features.flatten(batchDimension + 1);
        return flat.matmul(flat.transpose(-2, -1));
    }

    /// <summary><c>H K H</c> with <c>H = I - 11ᵀ/B</c>: the kernel matrix less its row and column means plus its grand mean.</summary>
    private static Tensor Centre(Tensor gram)
    {
        var rowMeans = gram.mean([-1L], keepdim: true);
        var columnMeans = gram.mean([-2L], keepdim: true);
        var total = gram.mean([-2L, -1L], keepdim: true);
        return gram - rowMeans - columnMeans + total;
    }
}
