using Snnsweep.Trainer.Losses;
using TorchSharp;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Tests.Methods;

public sealed class LinearCkaTests
{
    private static Tensor Random(long rows, long columns, int seed) => randn([rows, columns], generator: new Generator((ulong)seed), dtype: ScalarType.Float64);

    private static double Cka(Tensor x, Tensor y)
    {
        using var value = LinearCka.Compute(x, y);
        return value.item<double>();
    }

    [Fact]
    public void Cka_of_a_feature_matrix_with_itself_is_one()
    {
        using var x = Random(16, 40, 1);

        Assert.Equal(1.0, Cka(x, x), 10);
    }

    [Fact]
    public void Cka_is_invariant_to_isotropic_scaling()
    {
        using var x = Random(12, 30, 2);
        using var y = Random(12, 20, 3);
        using var scaled = x * 37.5;

        Assert.Equal(Cka(x, y), Cka(scaled, y), 10);
        Assert.NotEqual(1.0, Cka(x, y), 3);
    }

    [Fact]
    public void Cka_is_invariant_to_orthogonal_transforms_of_the_features()
    {
        using var x = Random(12, 8, 4);
        using var y = Random(12, 10, 5);
        var (q, r) = linalg.qr(Random(8, 8, 6));
        using var rotated = x.matmul(q);

        Assert.Equal(Cka(x, y), Cka(rotated, y), 10);
        q.Dispose();
        r.Dispose();
    }

    [Fact]
    public void Cka_is_not_invariant_to_anisotropic_scaling()
    {
        // The counter-check: a transform CKA must notice, so the invariance tests above cannot pass vacuously.
        using var x = Random(12, 8, 7);
        using var y = Random(12, 10, 8);
        using var stretch = diag(tensor(new double[] { 10, 1, 1, 1, 1, 1, 1, 0.1 }));
        using var stretched = x.matmul(stretch);

        Assert.True(Math.Abs(Cka(x, y) - Cka(stretched, y)) > 1e-3);
    }

    [Fact]
    public void Cka_matches_a_hand_computation_on_three_samples()
    {
        // X X^T = [[1,0,1],[0,1,1],[1,1,2]],  Y Y^T = [[5,4,6],[4,5,3],[6,3,9]]. Centred (times 9):
        // 9 HKH = [[5,-4,-1],[-4,5,-1],[-1,-1,2]],  9 HLH = [[0,0,0],[0,18,-18],[0,-18,18]].
        // <.,.> = 90 + 18 + 18 + 36 = 162;  norms^2 = 90 and 1296;  CKA = 162 / sqrt(90 * 1296) = 1.5 / sqrt(10).
        using var x = tensor(new double[] { 1, 0, 0, 1, 1, 1 }, [3, 2]);
        using var y = tensor(new double[] { 1, 2, 2, 1, 0, 3 }, [3, 2]);

        Assert.Equal(1.5 / Math.Sqrt(10), Cka(x, y), 12);
    }

    [Fact]
    public void Temporal_cka_is_the_mean_of_the_per_step_cka()
    {
        using var x = randn([4, 10, 3, 2, 2], generator: new Generator(9), dtype: ScalarType.Float64);
        using var y = randn([4, 10, 5], generator: new Generator(10), dtype: ScalarType.Float64);

        using var temporal = LinearCka.Temporal(x, y);

        var expected = Enumerable.Range(0, 4).Select(t => { using var xt = x[t]; using var yt = y[t]; return Cka(xt, yt); }).Average();
        Assert.Equal(expected, temporal.item<double>(), 10);
        using var perStep = LinearCka.PerStep(x, y);
        Assert.Equal([4L], perStep.shape);
    }

    [Fact]
    public void A_silent_layer_gives_zero_alignment_not_nan()
    {
        using var silent = zeros(8, 5, dtype: ScalarType.Float64);
        using var y = Random(8, 5, 11);

        Assert.Equal(0.0, Cka(silent, y));
    }

    [Fact]
    public void A_silent_layer_passes_finite_gradients()
    {
        using var silent = zeros([8, 5], dtype: ScalarType.Float32).requires_grad_();
        using var y = randn([8, 5], generator: new Generator(14));

        using var value = LinearCka.Compute(silent, y);
        value.backward();

        Assert.True(silent.grad!.isfinite().all().item<bool>());
    }

    [Fact]
    public void Gradients_flow_through_cka_to_both_inputs()
    {
        using var x = Random(8, 6, 12).requires_grad_();
        using var y = Random(8, 4, 13).requires_grad_();

        using var value = LinearCka.Compute(x, y);
        value.backward();

        Assert.True(x.grad!.abs().sum().item<double>() > 0);
        Assert.True(y.grad!.abs().sum().item<double>() > 0);
    }
}
