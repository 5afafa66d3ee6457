using TorchSharp;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Losses;

/// <summary>
/// Linear centred kernel alignment in its Gram form (methods.md §1.4, §3.4): for feature matrices X, Y of
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
        var gramX = CentredGram(x, batchDimension);
        var gramY = CentredGram(y, batchDimension);
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

    private static Tensor CentredGram(Tensor features, int batchDimension)
    {
        // Everything after the batch is flattened into D; the B x B Gram matrix is all the rest needs.
        var flat = features.flatten(batchDimension + 1);
        var gram = flat.matmul(flat.transpose(-2, -1));
        var rowMeans = gram.mean([-1L], keepdim: true);
        var columnMeans = gram.mean([-2L], keepdim: true);
        var total = gram.mean([-2L, -1L], keepdim: true);
        return gram - rowMeans - columnMeans + total;
    }
}
