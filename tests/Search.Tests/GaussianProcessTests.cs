using MathNet.Numerics.LinearAlgebra;
using Snnsweep.Search.GaussianProcesses;

namespace Snnsweep.Search.Tests;

public sealed class GaussianProcessTests
{
    private static readonly bool[] Kinds = [false, false, true];

    // Two unit-cube coordinates and one categorical choice index.
    private static readonly double[][] Inputs = [[0.1, 0.2, 0], [0.5, 0.9, 1], [0.8, 0.3, 0], [0.4, 0.4, 2]];
    private static readonly double[] Outputs = [0.3, -1.2, 0.8, 0.1];
    private static readonly GpHyperparameters Hyperparameters = new([0.3, 0.6, 1.5], 1.7, 0.02);

    [Fact]
    public void Gp_posterior_matches_closed_form_on_tiny_data()
    {
        var process = new GaussianProcess(Inputs, Outputs, Kinds, Hyperparameters);
        var n = Inputs.Length;
        var k = Matrix<double>.Build.Dense(n, n, (i, j) => Matern(Inputs[i], Inputs[j]) + (i == j ? Hyperparameters.NoiseVariance : 0));
        var inverse = k.Inverse();
        var y = Vector<double>.Build.DenseOfArray(Outputs);

        foreach (var x in new double[][] { [0.3, 0.3, 0], [0.9, 0.9, 1], [0.45, 0.41, 2], [0.1, 0.2, 0] })
        {
            var kx = Vector<double>.Build.Dense(n, i => Matern(x, Inputs[i]));
            var expectedMean = kx * inverse * y;
            var expectedVariance = Hyperparameters.SignalVariance - kx * inverse * kx;

            var (mean, variance) = process.Predict(x);

            Assert.Equal(expectedMean, mean, 1e-8);
            Assert.Equal(expectedVariance, variance, 1e-8);
        }
        var training = process.MeanAtTrainingInputs();
        for (var i = 0; i < n; i++)
        {
            Assert.Equal(process.Predict(Inputs[i]).Mean, training[i], 1e-8);
        }
    }

    [Fact]
    public void Batched_prediction_equals_one_point_at_a_time()
    {
        var process = new GaussianProcess(Inputs, Outputs, Kinds, Hyperparameters);
        var random = new SeededRandom(2);
        var points = Enumerable.Range(0, 300).Select(_ => new[] { random.NextDouble(), random.NextDouble(), random.NextInt(3) }).ToList();
        var means = new double[points.Count];
        var variances = new double[points.Count];

        process.PredictMany(points, means, variances);

        for (var i = 0; i < points.Count; i++)
        {
            var (mean, variance) = process.Predict(points[i]);
            Assert.Equal(mean, means[i], 12);
            Assert.Equal(variance, variances[i], 12);
        }
    }

    [Fact]
    public void Conditioning_on_fantasies_equals_refitting_with_them_and_shrinks_the_variance_there()
    {
        var process = new GaussianProcess(Inputs, Outputs, Kinds, Hyperparameters);
        double[] pending = [0.6, 0.6, 1];
        var believed = process.Predict(pending).Mean;

        var conditioned = process.Condition([pending], [believed]);
        var refitted = new GaussianProcess([.. Inputs, pending], [.. Outputs, believed], Kinds, Hyperparameters);

        double[] probe = [0.62, 0.58, 1];
        Assert.Equal(refitted.Predict(probe).Mean, conditioned.Predict(probe).Mean, 12);
        Assert.Equal(process.Predict(pending).Mean, conditioned.Predict(pending).Mean, 6);
        Assert.True(conditioned.Predict(pending).Variance < 0.05 * process.Predict(pending).Variance);
    }

    [Fact]
    public void Posterior_gradients_match_finite_differences()
    {
        var process = new GaussianProcess(Inputs, Outputs, Kinds, Hyperparameters);
        double[] x = [0.33, 0.71, 1];
        var meanGradient = new double[3];
        var varianceGradient = new double[3];
        process.PredictWithGradient(x, meanGradient, varianceGradient, new double[process.ScratchLength]);

        for (var d = 0; d < 2; d++)
        {
            const double h = 1e-6;
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[d] += h;
            down[d] -= h;
            Assert.Equal((process.Predict(up).Mean - process.Predict(down).Mean) / (2 * h), meanGradient[d], 5);
            Assert.Equal((process.Predict(up).Variance - process.Predict(down).Variance) / (2 * h), varianceGradient[d], 5);
        }
        Assert.Equal(0, meanGradient[2]);
    }

    [Fact]
    public void Log_marginal_likelihood_gradient_matches_finite_differences()
    {
        var flat = Inputs.SelectMany(x => x).ToArray();
        var posterior = new HyperparameterPosterior(flat, Outputs, Kinds);
        double[] theta = [Math.Log(0.4), Math.Log(0.7), Math.Log(1.2), Math.Log(1.3), Math.Log(0.05)];
        var gradient = new double[theta.Length];
        posterior.Evaluate(theta, gradient);

        for (var k = 0; k < theta.Length; k++)
        {
            const double h = 1e-6;
            var up = (double[])theta.Clone();
            var down = (double[])theta.Clone();
            up[k] += h;
            down[k] -= h;
            var numeric = (posterior.Evaluate(up, Span<double>.Empty) - posterior.Evaluate(down, Span<double>.Empty)) / (2 * h);
            Assert.Equal(numeric, gradient[k], 5);
        }
    }

    [Fact]
    public void Negative_log_marginal_likelihood_matches_its_closed_form_plus_the_prior()
    {
        var flat = Inputs.SelectMany(x => x).ToArray();
        var posterior = new HyperparameterPosterior(flat, Outputs, Kinds);
        var h = new GpHyperparameters([0.4, 0.7, 1.2], 1.3, 0.05);
        double[] theta = [.. h.Lengthscales.Select(l => Math.Log(l)), Math.Log(h.SignalVariance), Math.Log(h.NoiseVariance)];

        var n = Inputs.Length;
        var kernel = new Matern52Kernel(h.Lengthscales, h.SignalVariance, Kinds);
        var k = Matrix<double>.Build.Dense(n, n, (i, j) => kernel.Evaluate(Inputs[i], Inputs[j]) + (i == j ? h.NoiseVariance + 1e-10 * h.SignalVariance : 0));
        var y = Vector<double>.Build.DenseOfArray(Outputs);
        var likelihood = 0.5 * (y * k.Inverse() * y) + 0.5 * Math.Log(k.Determinant()) + 0.5 * n * Math.Log(2 * Math.PI);
        var prior = theta.Select((t, i) =>
        {
            var (mean, sd) = i < 3 ? (posterior.LengthscalePriorMean, HyperparameterPosterior.LengthscalePriorSd)
                : i == 3 ? (HyperparameterPosterior.SignalPriorMean, HyperparameterPosterior.SignalPriorSd)
                : (HyperparameterPosterior.NoisePriorMean, HyperparameterPosterior.NoisePriorSd);
            return 0.5 * Math.Pow((t - mean) / sd, 2);
        }).Sum();

        Assert.Equal(likelihood + prior, posterior.Evaluate(theta, Span<double>.Empty), 9);
    }

    [Fact]
    public void Fitted_lengthscales_tell_relevant_from_irrelevant_inputs()
    {
        // y varies along the first coordinate only: ARD should give the second a much longer lengthscale.
        var random = new SeededRandom(3);
        var inputs = Enumerable.Range(0, 30).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToArray();
        var outputs = PowerTransform.Standardise(inputs.Select(x => Math.Sin(6 * x[0])).ToArray());

        var fit = HyperparameterFitter.Fit(inputs.SelectMany(x => x).ToArray(), outputs, [false, false], new SeededRandom(1), optimisedStarts: 3);

        Assert.True(fit.Lengthscales[1] > 5 * fit.Lengthscales[0], $"lengthscales {string.Join(", ", fit.Lengthscales)}");
        Assert.InRange(fit.Lengthscales[0], 0.05, 1.0);
        Assert.True(fit.NoiseVariance < 1e-2, $"noise {fit.NoiseVariance}");
    }

    [Fact]
    public void Power_transform_keeps_the_order_and_tames_a_heavy_tail()
    {
        double[] values = [0.1, 0.5, 1, 2, 3, 5, 8, 13, 400, 3000];

        var transformed = PowerTransform.Apply(values);

        Assert.Equal(Enumerable.Range(0, values.Length), transformed.Select((v, i) => (v, i)).OrderBy(p => p.v).Select(p => p.i));
        Assert.Equal(0, transformed.Average(), 10);
        // The largest value no longer dwarfs the rest: it sits within a few standard deviations.
        Assert.True(transformed.Max() < 2.5, $"max {transformed.Max()}");
        Assert.True(PowerTransform.BestLambda(PowerTransform.Standardise(values)) < 1);
    }

    private static double Matern(double[] a, double[] b)
    {
        var r2 = 0.0;
        for (var d = 0; d < a.Length; d++)
        {
            var l = Hyperparameters.Lengthscales[d];
            r2 += Kinds[d] ? (a[d] == b[d] ? 0 : 1 / (l * l)) : Math.Pow((a[d] - b[d]) / l, 2);
        }
        var r = Math.Sqrt(r2);
        return Hyperparameters.SignalVariance * (1 + Math.Sqrt(5) * r + 5 * r2 / 3) * Math.Exp(-Math.Sqrt(5) * r);
    }
}
