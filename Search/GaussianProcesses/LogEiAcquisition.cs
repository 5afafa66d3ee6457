using Snnsweep.Search.Numerics;

namespace Snnsweep.Search.GaussianProcesses;

/// <summary>log expected improvement of a GP posterior below an incumbent, with its gradient in the inputs.</summary>
internal sealed class LogEiAcquisition(GaussianProcess process, double incumbent)
{
    public GaussianProcess Process => process;

    public double Incumbent => incumbent;

    public double Value(ReadOnlySpan<double> x)
    {
        var (mean, variance) = process.Predict(x);
        return ExpectedImprovement.Log(mean, Math.Sqrt(variance), incumbent);
    }

    /// <summary>log EI at many points, computed in blocks spread over the cores; the result does not depend on the split.</summary>
    public double[] Values(IReadOnlyList<double[]> points)
    {
        const int block = 256;
        var values = new double[points.Count];
        var blocks = (points.Count + block - 1) / block;
        Parallel.For(0, blocks, b =>
        {
            var start = b * block;
            var count = Math.Min(block, points.Count - start);
            var slice = new double[count][];
            for (var i = 0; i < count; i++)
            {
                slice[i] = points[start + i];
            }
            var means = new double[count];
            var variances = new double[count];
            process.PredictMany(slice, means, variances);
            for (var i = 0; i < count; i++)
            {
                values[start + i] = ExpectedImprovement.Log(means[i], Math.Sqrt(variances[i]), incumbent);
            }
        });
        return values;
    }

    /// <summary>A minimisation objective for <see cref="Numerics.BoundedLbfgs"/>: -log EI and its gradient.</summary>
    public BoundedLbfgs.Objective NegativeObjective()
    {
        var meanGradient = new double[process.Dimensions];
        var varianceGradient = new double[process.Dimensions];
        var scratch = new double[process.ScratchLength];
        return (x, gradient) =>
        {
            var (mean, variance) = process.PredictWithGradient(x, meanGradient, varianceGradient, scratch);
            var sd = Math.Sqrt(variance);
            var z = (incumbent - mean) / sd;
            var logH = ExpectedImprovement.LogHWithDerivative(z, out var ratio);
            // d logEI/dμ = -ratio/σ and d logEI/dσ = (1 - ratio z)/σ, with dσ = dvar / (2σ).
            var byMean = -ratio / sd;
            var byVariance = (1 - ratio * z) / (2 * variance);
            for (var d = 0; d < gradient.Length; d++)
            {
                gradient[d] = -(byMean * meanGradient[d] + byVariance * varianceGradient[d]);
            }
            return -(Math.Log(sd) + logH);
        };
    }
}
