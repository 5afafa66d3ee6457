using Snnsweep.Trainer.Losses;
using Snnsweep.Trainer.Methods.R2etl;
using TorchSharp;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Tests.Losses;

public sealed class FeatureLossTests
{
    private static Tensor Random(long[] shape, int seed) => randn(shape, generator: new Generator((ulong)seed), dtype: ScalarType.Float64);

    private static double Value(Tensor t)
    {
        using (t) return t.item<double>();
    }

    /// <summary>CKA of two kernel matrices by the textbook formula, in plain doubles: &lt;HKH, HLH&gt; / (‖HKH‖ ‖HLH‖).</summary>
    private static double CkaOfKernels(double[,] k, double[,] l)
    {
        var n = k.GetLength(0);
        double[,] Centre(double[,] m)
        {
            var c = new double[n, n];
            var total = 0.0;
            var rows = new double[n];
            var columns = new double[n];
            for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
            {
                rows[i] += m[i, j] / n;
                columns[j] += m[i, j] / n;
                total += m[i, j] / (n * n);
            }
            for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                c[i, j] = m[i, j] - rows[i] - columns[j] + total;
            return c;
        }
        var kc = Centre(k);
        var lc = Centre(l);
        double cross = 0, normK = 0, normL = 0;
        for (var i = 0; i < n; i++)
        for (var j = 0; j < n; j++)
        {
            cross += kc[i, j] * lc[i, j];
            normK += kc[i, j] * kc[i, j];
            normL += lc[i, j] * lc[i, j];
        }
        return cross / Math.Sqrt(normK * normL);
    }

    private static double[,] RbfKernel(double[] points, double variance)
    {
        var k = new double[points.Length, points.Length];
        for (var i = 0; i < points.Length; i++)
        for (var j = 0; j < points.Length; j++)
            k[i, j] = Math.Exp(-(points[i] - points[j]) * (points[i] - points[j]) / (2 * variance));
        return k;
    }

    [Fact]
    public void Rbf_cka_matches_a_hand_computation_with_the_median_bandwidth()
    {
        // x = (0, 1, 3): squared distances off the diagonal 1, 1, 4, 4, 9, 9, median 4. y = (0, 2, 3): 4, 4, 9, 9, 1, 1, median 4.
        // With s = 1 both kernels are exp(-d^2 / 8); with s = 0.5, exp(-d^2 / 2).
        using var x = tensor(new double[] { 0, 1, 3 }, [3, 1]);
        using var y = tensor(new double[] { 0, 2, 3 }, [3, 1]);
        using var squared = RbfCka.SquaredDistances(x, 0);

        Assert.Equal(4.0, Value(RbfCka.MedianSquaredDistance(squared)), 12);
        Assert.Equal(CkaOfKernels(RbfKernel([0, 1, 3], 4), RbfKernel([0, 2, 3], 4)), Value(RbfCka.Compute(x, y, 1.0)), 10);
        Assert.Equal(CkaOfKernels(RbfKernel([0, 1, 3], 1), RbfKernel([0, 2, 3], 1)), Value(RbfCka.Compute(x, y, 0.5)), 10);
    }

    [Fact]
    public void The_median_of_an_even_number_of_pairs_is_the_mean_of_the_middle_two()
    {
        // x = (0, 1, 2, 4): squared distances 1, 4, 16, 1, 9, 4 (each twice); sorted middle values 4 and 4 -> 4.
        // x = (0, 1, 3, 7): 1, 9, 49, 4, 36, 16 (each twice); sorted 1 4 9 16 36 49 -> middle 9 and 16 -> 12.5.
        using var a = tensor(new double[] { 0, 1, 2, 4 }, [4, 1]);
        using var b = tensor(new double[] { 0, 1, 3, 7 }, [4, 1]);
        using var squaredA = RbfCka.SquaredDistances(a, 0);
        using var squaredB = RbfCka.SquaredDistances(b, 0);

        Assert.Equal(4.0, Value(RbfCka.MedianSquaredDistance(squaredA)), 12);
        Assert.Equal(12.5, Value(RbfCka.MedianSquaredDistance(squaredB)), 12);
    }

    [Fact]
    public void Rbf_cka_is_one_for_identical_features_and_invariant_to_isotropic_scaling_and_rotation()
    {
        using var x = Random([12, 6], 1);
        using var y = Random([12, 5], 2);
        using var scaled = x * 37.5;
        var (q, r) = linalg.qr(Random([6, 6], 3));
        using var rotated = x.matmul(q);

        Assert.Equal(1.0, Value(RbfCka.Compute(x, x, 1.0)), 10);
        var reference = Value(RbfCka.Compute(x, y, 1.0));
        Assert.Equal(reference, Value(RbfCka.Compute(scaled, y, 1.0)), 10);
        Assert.Equal(reference, Value(RbfCka.Compute(rotated, y, 1.0)), 10);
        Assert.NotEqual(Value(LinearCka.Compute(x, y)), reference, 3);
        q.Dispose();
        r.Dispose();
    }

    [Fact]
    public void A_very_wide_rbf_kernel_tends_to_linear_cka()
    {
        // exp(-d^2 / 2 sigma^2) ~ 1 - d^2 / 2 sigma^2, and centring -d^2/2 leaves the centred Gram matrix.
        using var x = Random([10, 4], 4);
        using var y = Random([10, 7], 5);

        Assert.Equal(Value(LinearCka.Compute(x, y)), Value(RbfCka.Compute(x, y, 1000.0)), 4);
    }

    [Fact]
    public void Rbf_cka_per_step_is_each_steps_cka_and_a_silent_step_gives_zero_not_nan()
    {
        using var x = Random([3, 8, 2, 2], 6);
        using var y = Random([3, 8, 5], 7);
        using var silent = zeros([8, 5], dtype: ScalarType.Float64);

        using var perStep = RbfCka.PerStep(x, y, 2.0);

        Assert.Equal([3L], perStep.shape);
        for (var t = 0; t < 3; t++)
        {
            using var xt = x[t];
            using var yt = y[t];
            Assert.Equal(Value(RbfCka.Compute(xt, yt, 2.0)), perStep[t].item<double>(), 10);
        }
        using var y0 = y[0];
        Assert.Equal(0.0, Value(RbfCka.Compute(silent, y0, 1.0)));
    }

    [Fact]
    public void Gradients_flow_through_rbf_cka_to_both_inputs()
    {
        using var x = Random([8, 6], 8).requires_grad_();
        using var y = Random([8, 4], 9).requires_grad_();

        using var value = RbfCka.Compute(x, y, 1.0);
        value.backward();

        Assert.True(x.grad!.abs().sum().item<double>() > 0);
        Assert.True(y.grad!.abs().sum().item<double>() > 0);
        Assert.True(x.grad.isfinite().all().item<bool>());
    }

    [Fact]
    public void Mse_and_linear_mmd_match_a_hand_computation_on_time_mean_features()
    {
        // T = 2, B = 2, D = 2. Time means: x = [[1, 2], [3, 4]], y = [[1, 0], [2, 2]].
        using var x = tensor(new double[] { 0, 2, 3, 4, 2, 2, 3, 4 }, [2, 2, 2]);
        using var y = tensor(new double[] { 1, 0, 2, 1, 1, 0, 2, 3 }, [2, 2, 2]);

        // Differences [[0, 2], [1, 2]]: MSE = (0 + 4 + 1 + 4) / 4.
        Assert.Equal(9.0 / 4, Value(FeatureDistance.MeanSquaredError(x, y)), 12);
        // Batch means x (2, 3), y (1.5, 1): MMD = 0.5^2 + 2^2.
        Assert.Equal(0.25 + 4, Value(FeatureDistance.LinearMmd(x, y)), 12);
    }

    [Fact]
    public void Mse_compares_pairs_and_mmd_compares_distributions()
    {
        using var x = Random([3, 6, 4], 10);
        using var shuffled = x.index_select(1, tensor(new long[] { 5, 4, 3, 2, 1, 0 }));

        Assert.Equal(0.0, Value(FeatureDistance.MeanSquaredError(x, x)));
        Assert.Equal(0.0, Value(FeatureDistance.LinearMmd(x, x)));
        Assert.True(Value(FeatureDistance.MeanSquaredError(x, shuffled)) > 0.1);
        Assert.Equal(0.0, Value(FeatureDistance.LinearMmd(x, shuffled)), 12);
    }

    [Fact]
    public void Gradients_flow_through_mse_and_mmd_to_both_inputs()
    {
        foreach (var distance in new Func<Tensor, Tensor, Tensor>[] { FeatureDistance.MeanSquaredError, FeatureDistance.LinearMmd })
        {
            using var x = Random([2, 5, 3], 11).requires_grad_();
            using var y = Random([2, 5, 3], 12).requires_grad_();

            using var value = distance(x, y);
            value.backward();

            Assert.True(x.grad!.abs().sum().item<double>() > 0);
            Assert.True(y.grad!.abs().sum().item<double>() > 0);
        }
    }

    [Theory]
    [InlineData(R2etlFeatureLoss.Tcka)]
    [InlineData(R2etlFeatureLoss.Cka)]
    [InlineData(R2etlFeatureLoss.Mse)]
    [InlineData(R2etlFeatureLoss.Mmd)]
    public void Every_r2etl_feature_loss_is_zero_for_identical_domains_positive_otherwise_and_passes_gradients(R2etlFeatureLoss kind)
    {
        using var membranes = Random([3, 8, 6], 13);
        using var other = Random([3, 8, 6], 14).requires_grad_();
        using var spikes = rand([3, 8, 6], generator: new Generator(15), dtype: ScalarType.Float64).lt(0.5).to_type(ScalarType.Float64);
        using var otherSpikes = (rand([3, 8, 6], generator: new Generator(16), dtype: ScalarType.Float64).lt(0.5).to_type(ScalarType.Float64)).requires_grad_();

        Assert.Equal(0.0, Value(R2etlRun.FeatureLoss(kind, membranes, membranes, spikes, spikes)), 10);
        using var loss = R2etlRun.FeatureLoss(kind, membranes, other, spikes, otherSpikes);
        Assert.True(loss.item<double>() > 1e-3, $"{kind}: {loss.item<double>()}");
        loss.backward();
        var gradient = kind == R2etlFeatureLoss.Cka ? otherSpikes.grad : other.grad;
        Assert.True(gradient!.abs().sum().item<double>() > 0, $"{kind} passes no gradient");
    }
}
