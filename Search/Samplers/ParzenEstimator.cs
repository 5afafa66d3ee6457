using Snnsweep.Search.Numerics;

namespace Snnsweep.Search.Samplers;

/// <summary>
/// A multivariate Parzen (kernel-density) estimator over a group of parameters, one product kernel per
/// observation plus a flat prior component. Numeric parameters live on their unit scale with truncated
/// Gaussian kernels (integers get the kernel's mass over their cell of the unit interval); categorical
/// parameters get a smoothed point mass on the observed choice, as in Optuna's TPE.
/// </summary>
internal sealed class ParzenEstimator
{
    private const double Sigma0 = 0.2;
    private const double LogFloor = -700;

    private readonly TpeDimension[] _dimensions;
    private readonly double[] _logWeights;
    private readonly double[] _cumulativeWeights;
    // Numeric dimensions: kernel centres per component and one bandwidth for the observations; the prior
    // component (last) is centred on the range with the whole range as bandwidth.
    private readonly double[][] _centres;
    private readonly double[] _bandwidths;
    // Categorical dimensions: choice probabilities per component.
    private readonly double[][][] _choiceProbabilities;

    public ParzenEstimator(TpeDimension[] dimensions, IReadOnlyList<double[]> observations, double priorWeight)
    {
        _dimensions = dimensions;
        var n = observations.Count;
        var components = n + 1;
        var weights = ObservationWeights(n).Append(priorWeight).ToArray();
        var total = weights.Sum();
        _logWeights = weights.Select(w => Math.Log(w / total)).ToArray();
        _cumulativeWeights = new double[components];
        var running = 0.0;
        for (var i = 0; i < components; i++)
        {
            running += weights[i] / total;
            _cumulativeWeights[i] = running;
        }

        _centres = new double[dimensions.Length][];
        _bandwidths = new double[dimensions.Length];
        _choiceProbabilities = new double[dimensions.Length][][];
        // Kernels are never narrower than 1 / (n + 2) of the range (Optuna's "magic clip").
        var minimum = 1.0 / Math.Min(100, components + 1);
        for (var d = 0; d < dimensions.Length; d++)
        {
            if (dimensions[d].Choices is { } choices)
            {
                var probabilities = new double[components][];
                for (var i = 0; i < components; i++)
                {
                    var row = Enumerable.Repeat(priorWeight / components, choices).ToArray();
                    if (i < n)
                    {
                        row[(int)observations[i][d]] += 1;
                    }
                    var sum = row.Sum();
                    probabilities[i] = row.Select(p => p / sum).ToArray();
                }
                _choiceProbabilities[d] = probabilities;
            }
            else
            {
                _centres[d] = observations.Select(o => o[d]).Append(0.5).ToArray();
                _bandwidths[d] = Math.Clamp(ScottBandwidth(observations, d, n, dimensions.Length), minimum, 1.0);
            }
        }
    }

    public double[] Sample(SeededRandom random)
    {
        var u = random.NextDouble();
        var component = Array.FindIndex(_cumulativeWeights, c => u < c);
        if (component < 0)
        {
            component = _cumulativeWeights.Length - 1;
        }
        var x = new double[_dimensions.Length];
        for (var d = 0; d < x.Length; d++)
        {
            if (_choiceProbabilities[d] is { } probabilities)
            {
                var row = probabilities[component];
                var v = random.NextDouble();
                var choice = 0;
                var cumulative = row[0];
                while (v >= cumulative && choice < row.Length - 1)
                {
                    cumulative += row[++choice];
                }
                x[d] = choice;
            }
            else
            {
                x[d] = SampleTruncatedNormal(Centre(d, component), Bandwidth(d, component), random);
            }
        }
        return x;
    }

    public double LogDensity(double[] x)
    {
        var components = _logWeights.Length;
        var terms = new double[components];
        for (var i = 0; i < components; i++)
        {
            var sum = _logWeights[i];
            for (var d = 0; d < _dimensions.Length; d++)
            {
                sum += _choiceProbabilities[d] is { } probabilities
                    ? Math.Log(probabilities[i][(int)x[d]])
                    : LogKernel(d, Centre(d, i), Bandwidth(d, i), x[d]);
            }
            terms[i] = sum;
        }
        var max = terms.Max();
        return max + Math.Log(terms.Sum(t => Math.Exp(t - max)));
    }

    /// <summary>
    /// Optuna's default: equal weights up to 25 observations; beyond, the 25 most recent keep weight 1 and
    /// older ones ramp down towards 1/n, so the estimator follows the search as it moves.
    /// </summary>
    private static double[] ObservationWeights(int n)
    {
        if (n < 25)
        {
            return Enumerable.Repeat(1.0, n).ToArray();
        }
        var ramp = n - 25;
        return Enumerable.Range(0, ramp)
            .Select(i => ramp == 1 ? 1.0 / n : 1.0 / n + (1 - 1.0 / n) * i / (ramp - 1))
            .Concat(Enumerable.Repeat(1.0, 25))
            .ToArray();
    }

    /// <summary>
    /// Scott's rule for a product kernel, σ̂_d n^(-1/(D+4)), so kernels narrow as the good trials cluster
    /// and the search converges. Optuna's multivariate rule uses the range instead of σ̂_d, which keeps
    /// kernels wide long after the good region is found; it remains the fallback for a single observation.
    /// </summary>
    private static double ScottBandwidth(IReadOnlyList<double[]> observations, int d, int n, int dimensions)
    {
        var shrink = Math.Pow(Math.Max(n, 1), -1.0 / (dimensions + 4));
        if (n < 2)
        {
            return Sigma0 * shrink;
        }
        var mean = observations.Average(o => o[d]);
        var sd = Math.Sqrt(observations.Sum(o => (o[d] - mean) * (o[d] - mean)) / (n - 1));
        return sd * shrink;
    }

    private double Centre(int d, int component) => _centres[d][component];

    private double Bandwidth(int d, int component) => component == _logWeights.Length - 1 ? 1.0 : _bandwidths[d];

    private double LogKernel(int d, double centre, double sigma, double x)
    {
        var mass = StandardNormal.Cdf((1 - centre) / sigma) - StandardNormal.Cdf(-centre / sigma);
        if (_dimensions[d].Cell is { } cell)
        {
            var (low, high) = cell(x);
            var inside = StandardNormal.Mass((low - centre) / sigma, (high - centre) / sigma);
            return Math.Max(LogFloor, Math.Log(inside) - Math.Log(mass));
        }
        var z = (x - centre) / sigma;
        return Math.Max(LogFloor, -0.5 * z * z - StandardNormal.LogSqrt2Pi - Math.Log(sigma) - Math.Log(mass));
    }

    private static double SampleTruncatedNormal(double centre, double sigma, SeededRandom random)
    {
        for (var attempt = 0; attempt < 64; attempt++)
        {
            var x = centre + sigma * random.NextGaussian();
            if (x >= 0 && x <= 1)
            {
                return x;
            }
        }
        return random.NextDouble();
    }
}
