using Snnsweep.Search.Numerics;

namespace Snnsweep.Search.GaussianProcesses;

/// <summary>
/// The negative log posterior of the GP hyperparameters, -log p(y | θ) - log p(θ), and its gradient, in
/// θ = (log ℓ_1..log ℓ_D, log σ², log σₙ²), inputs in the unit cube and outputs standardised.
/// Lengthscales get a log-normal prior whose median grows as √D, the dimension scaling of Hvarfner et al.
/// ("Vanilla Bayesian optimization performs great in high dimensions", 2024) with a lower centre than
/// theirs (√D rather than e^√2 √D), which kept small-sample fits from declaring a 2-D function almost
/// linear and then exploiting a boundary (bench/search, Branin). The noise prior is wide and low, so a
/// rough objective can be explained as noise while a smooth one is interpolated.
/// </summary>
internal sealed class HyperparameterPosterior
{
    public const double LengthscalePriorSd = 1.7320508075688772;
    public const double SignalPriorMean = 0;
    public const double SignalPriorSd = 1.5;
    public const double NoisePriorMean = -6;
    public const double NoisePriorSd = 2.5;
    public const double MinNoiseVariance = 1e-6;

    private const double HalfLog2Pi = 0.91893853320467274178;

    private readonly int _n;
    private readonly int _dimensions;
    private readonly double[] _outputs;
    private readonly bool[] _categorical;
    // Per dimension, the squared coordinate difference of every pair i > j, at index i (i - 1) / 2 + j.
    private readonly double[][] _pairDistances;
    private readonly int[] _pairRow;
    private readonly int[] _pairColumn;

    public HyperparameterPosterior(double[] flatInputs, double[] outputs, bool[] categorical)
    {
        _n = outputs.Length;
        _dimensions = categorical.Length;
        _outputs = outputs;
        _categorical = categorical;
        var pairs = _n * (_n - 1) / 2;
        _pairRow = new int[pairs];
        _pairColumn = new int[pairs];
        _pairDistances = new double[_dimensions][];
        for (var d = 0; d < _dimensions; d++)
        {
            _pairDistances[d] = new double[pairs];
        }
        var p = 0;
        for (var i = 0; i < _n; i++)
        {
            for (var j = 0; j < i; j++, p++)
            {
                _pairRow[p] = i;
                _pairColumn[p] = j;
                for (var d = 0; d < _dimensions; d++)
                {
                    _pairDistances[d][p] = Matern52Kernel.ComponentSquaredDistance(flatInputs[i * _dimensions + d], flatInputs[j * _dimensions + d], categorical[d]);
                }
            }
        }
        LengthscalePriorMean = 0.5 * Math.Log(_dimensions);
    }

    public double LengthscalePriorMean { get; }

    public int ParameterCount => _dimensions + 2;

    public void Bounds(Span<double> lower, Span<double> upper)
    {
        for (var d = 0; d < _dimensions; d++)
        {
            lower[d] = Math.Log(_categorical[d] ? 0.05 : 0.005);
            upper[d] = Math.Log(200);
        }
        lower[_dimensions] = Math.Log(0.05);
        upper[_dimensions] = Math.Log(20);
        lower[_dimensions + 1] = Math.Log(MinNoiseVariance);
        upper[_dimensions + 1] = Math.Log(1);
    }

    public static GpHyperparameters ToHyperparameters(ReadOnlySpan<double> theta, int dimensions) =>
        new(theta[..dimensions].ToArray().Select(Math.Exp).ToArray(), Math.Exp(theta[dimensions]), Math.Exp(theta[dimensions + 1]));

    /// <summary>The objective for <see cref="BoundedLbfgs"/>; with an empty gradient span only the value is computed.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var n = _n;
        var signal = Math.Exp(theta[_dimensions]);
        var noise = Math.Exp(theta[_dimensions + 1]);
        var inverseSquared = new double[_dimensions];
        for (var d = 0; d < _dimensions; d++)
        {
            inverseSquared[d] = Math.Exp(-2 * theta[d]);
        }
        var pairs = _pairRow.Length;
        var scaled = new double[pairs];
        for (var d = 0; d < _dimensions; d++)
        {
            DenseKernels.Axpy(inverseSquared[d], _pairDistances[d], scaled);
        }
        var covariance = new double[n * n];
        var slopes = new double[pairs];
        for (var p = 0; p < pairs; p++)
        {
            var r = Math.Sqrt(scaled[p]);
            covariance[_pairRow[p] * n + _pairColumn[p]] = signal * Matern52Kernel.Profile(r);
            slopes[p] = signal * Matern52Kernel.SlopeOverR(r);
        }
        var diagonal = signal + noise + 1e-10 * signal;
        for (var i = 0; i < n; i++)
        {
            covariance[i * n + i] = diagonal;
        }
        var cholesky = CholeskyFactor.TryFactor(covariance, n);
        if (cholesky is null)
        {
            return double.PositiveInfinity;
        }
        var alpha = _outputs.ToArray();
        cholesky.Solve(alpha);
        var value = 0.5 * DenseKernels.Dot(_outputs, alpha) + 0.5 * cholesky.LogDeterminant() + n * HalfLog2Pi;
        value += NegativeLogPrior(theta, gradient);
        if (gradient.IsEmpty)
        {
            return value;
        }

        // d(-log p(y|θ))/dθ = -½ tr(W dK/dθ) with W = α αᵀ - K⁻¹.
        var inverse = cholesky.Inverse();
        var weighted = new double[pairs];
        var signalTrace = 0.0;
        for (var p = 0; p < pairs; p++)
        {
            var i = _pairRow[p];
            var j = _pairColumn[p];
            var w = alpha[i] * alpha[j] - inverse[i * n + j];
            weighted[p] = w * slopes[p];
            signalTrace += 2 * w * covariance[i * n + j];
        }
        var diagonalTrace = 0.0;
        for (var i = 0; i < n; i++)
        {
            diagonalTrace += alpha[i] * alpha[i] - inverse[i * n + i];
        }
        for (var d = 0; d < _dimensions; d++)
        {
            // dK_ij/d log ℓ_d = σ² (5/3)(1 + √5 r) exp(-√5 r) Δ_d² / ℓ_d², counted twice by symmetry.
            gradient[d] -= inverseSquared[d] * DenseKernels.Dot(weighted, _pairDistances[d]);
        }
        gradient[_dimensions] -= 0.5 * (signalTrace + signal * diagonalTrace);
        gradient[_dimensions + 1] -= 0.5 * noise * diagonalTrace;
        return value;
    }

    /// <summary>-log p(θ) up to a constant; writes (not adds) its gradient when one is asked for.</summary>
    private double NegativeLogPrior(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        var value = 0.0;
        for (var k = 0; k < ParameterCount; k++)
        {
            var (mean, sd) = k < _dimensions ? (LengthscalePriorMean, LengthscalePriorSd)
                : k == _dimensions ? (SignalPriorMean, SignalPriorSd)
                : (NoisePriorMean, NoisePriorSd);
            var z = (theta[k] - mean) / sd;
            value += 0.5 * z * z;
            if (!gradient.IsEmpty)
            {
                gradient[k] = z / sd;
            }
        }
        return value;
    }
}
