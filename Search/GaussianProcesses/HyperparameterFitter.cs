using Snnsweep.Search.Numerics;

namespace Snnsweep.Search.GaussianProcesses;

/// <summary>
/// Maximum a posteriori GP hyperparameters by multi-start L-BFGS: a handful of starting points (the prior
/// centre, a short-lengthscale point, draws from the prior) are scored by the posterior alone, and the
/// best few are optimised. The marginal likelihood of a GP is multimodal (a smooth trend plus noise
/// against a wiggly interpolant), so one start is not enough.
/// </summary>
internal static class HyperparameterFitter
{
    public static GpHyperparameters Fit(double[] flatInputs, double[] outputs, bool[] categorical, SeededRandom random, int optimisedStarts, int scoredStarts = 12, int maxIterations = 80)
    {
        var posterior = new HyperparameterPosterior(flatInputs, outputs, categorical);
        var dimensions = categorical.Length;
        var count = posterior.ParameterCount;
        var lower = new double[count];
        var upper = new double[count];
        posterior.Bounds(lower, upper);

        var starts = new List<double[]>();
        double[] Start(Func<int, double> logLengthscale, double logSignal, double logNoise)
        {
            var theta = new double[count];
            for (var d = 0; d < dimensions; d++)
            {
                theta[d] = logLengthscale(d);
            }
            theta[dimensions] = logSignal;
            theta[dimensions + 1] = logNoise;
            for (var k = 0; k < count; k++)
            {
                theta[k] = Math.Clamp(theta[k], lower[k], upper[k]);
            }
            return theta;
        }
        starts.Add(Start(_ => Math.Log(0.5), 0, Math.Log(1e-3)));
        starts.Add(Start(_ => Math.Log(0.15), 0, Math.Log(1e-4)));
        starts.Add(Start(_ => posterior.LengthscalePriorMean, 0, Math.Log(1e-2)));
        while (starts.Count < Math.Max(scoredStarts, optimisedStarts))
        {
            starts.Add(Start(
                _ => posterior.LengthscalePriorMean - 1.5 + HyperparameterPosterior.LengthscalePriorSd * 0.7 * random.NextGaussian(),
                0.5 * random.NextGaussian(),
                Math.Log(1e-4) + 2 * random.NextGaussian()));
        }

        var scored = starts
            .Select(theta => (Theta: theta, Value: posterior.Evaluate(theta, Span<double>.Empty)))
            .Where(s => double.IsFinite(s.Value))
            .OrderBy(s => s.Value)
            .Take(optimisedStarts)
            .ToList();
        double[]? best = null;
        var bestValue = double.PositiveInfinity;
        foreach (var (theta, _) in scored)
        {
            var result = BoundedLbfgs.Minimize(posterior.Evaluate, theta, lower, upper, maxIterations);
            if (result.Value < bestValue)
            {
                bestValue = result.Value;
                best = theta;
            }
        }
        best ??= starts[0];
        return HyperparameterPosterior.ToHyperparameters(best, dimensions);
    }
}
