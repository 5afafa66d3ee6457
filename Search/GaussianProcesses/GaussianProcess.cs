using Snnsweep.Search.Numerics;

namespace Snnsweep.Search.GaussianProcesses;

/// <summary>
/// The posterior of a zero-mean GP with a Matérn-5/2 kernel and Gaussian noise, conditioned on inputs
/// X (rows, in the encoded unit cube) and outputs y (standardised):
/// mean(x) = k(x)ᵀ (K + σₙ² I)⁻¹ y and variance(x) = k(x, x) - k(x)ᵀ (K + σₙ² I)⁻¹ k(x), the variance
/// of the latent function (noise excluded).
/// </summary>
public sealed class GaussianProcess
{
    private readonly double[] _inputs;
    private readonly double[] _outputs;
    private readonly double[] _alpha;
    private readonly CholeskyFactor _cholesky;

    public GaussianProcess(IReadOnlyList<double[]> inputs, IReadOnlyList<double> outputs, IReadOnlyList<bool> categorical, GpHyperparameters hyperparameters)
        : this(Flatten(inputs, categorical.Count), outputs.ToArray(), categorical, hyperparameters)
    {
    }

    internal GaussianProcess(double[] flatInputs, double[] outputs, IReadOnlyList<bool> categorical, GpHyperparameters hyperparameters)
    {
        Hyperparameters = hyperparameters;
        Kernel = new Matern52Kernel(hyperparameters.Lengthscales, hyperparameters.SignalVariance, categorical);
        Dimensions = categorical.Count;
        Count = outputs.Length;
        _inputs = flatInputs;
        _outputs = outputs;
        var n = Count;
        var covariance = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < i; j++)
            {
                covariance[i * n + j] = Kernel.Evaluate(Row(i), Row(j));
            }
        }
        // Jitter grows until the factorisation succeeds; duplicated inputs with tiny noise need it.
        var jitter = 1e-10 * hyperparameters.SignalVariance;
        CholeskyFactor? cholesky = null;
        for (var attempt = 0; attempt < 8 && cholesky is null; attempt++, jitter *= 10)
        {
            for (var i = 0; i < n; i++)
            {
                covariance[i * n + i] = hyperparameters.SignalVariance + hyperparameters.NoiseVariance + jitter;
            }
            cholesky = CholeskyFactor.TryFactor(covariance, n);
        }
        _cholesky = cholesky ?? throw new InvalidOperationException("The GP covariance matrix is not positive-definite even with jitter.");
        _alpha = outputs.ToArray();
        _cholesky.Solve(_alpha);
    }

    public GpHyperparameters Hyperparameters { get; }

    public Matern52Kernel Kernel { get; }

    public int Dimensions { get; }

    public int Count { get; }

    /// <summary>The posterior mean at the training inputs: y - σₙ² α, since (K + σₙ² I) α = y.</summary>
    public double[] MeanAtTrainingInputs() =>
        _outputs.Select((y, i) => y - (Hyperparameters.NoiseVariance) * _alpha[i]).ToArray();

    public (double Mean, double Variance) Predict(ReadOnlySpan<double> x)
    {
        var k = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            k[i] = Kernel.Evaluate(x, Row(i));
        }
        var mean = DenseKernels.Dot(k, _alpha);
        _cholesky.SolveLower(k);
        var variance = Kernel.SignalVariance - DenseKernels.Dot(k, k);
        return (mean, Math.Max(variance, MinimumVariance));
    }

    /// <summary>
    /// Mean and variance at many points at once. The cross-covariances are laid out one training point per
    /// row, so the triangular solve runs as row updates over all points together: the same arithmetic
    /// as one solve per point, but streaming through memory with full vector lanes.
    /// </summary>
    public void PredictMany(IReadOnlyList<double[]> points, Span<double> means, Span<double> variances)
    {
        var m = points.Count;
        var n = Count;
        var v = new double[n * m];
        for (var i = 0; i < n; i++)
        {
            var row = v.AsSpan(i * m, m);
            var input = Row(i);
            for (var c = 0; c < m; c++)
            {
                row[c] = Kernel.Evaluate(points[c], input);
            }
        }
        means[..m].Clear();
        for (var i = 0; i < n; i++)
        {
            DenseKernels.Axpy(_alpha[i], v.AsSpan(i * m, m), means[..m]);
        }
        // Forward substitution L V = K*, row by row, in place.
        var sumOfSquares = new double[m];
        for (var i = 0; i < n; i++)
        {
            var row = v.AsSpan(i * m, m);
            for (var j = 0; j < i; j++)
            {
                DenseKernels.Axpy(-_cholesky[i, j], v.AsSpan(j * m, m), row);
            }
            var inverseDiagonal = 1 / _cholesky[i, i];
            for (var c = 0; c < m; c++)
            {
                row[c] *= inverseDiagonal;
                sumOfSquares[c] += row[c] * row[c];
            }
        }
        for (var c = 0; c < m; c++)
        {
            variances[c] = Math.Max(Kernel.SignalVariance - sumOfSquares[c], MinimumVariance);
        }
    }

    /// <summary>Mean and variance with their gradients in x (categorical coordinates get zero gradient).</summary>
    internal (double Mean, double Variance) PredictWithGradient(ReadOnlySpan<double> x, Span<double> meanGradient, Span<double> varianceGradient, Span<double> scratch)
    {
        var n = Count;
        var k = scratch[..n];
        var slopes = scratch.Slice(n, n);
        var inverseSquared = Kernel.InverseSquaredLengthscales;
        var categorical = Kernel.Categorical;
        for (var i = 0; i < n; i++)
        {
            var r = Math.Sqrt(Kernel.ScaledSquaredDistance(x, Row(i)));
            k[i] = Kernel.SignalVariance * Matern52Kernel.Profile(r);
            slopes[i] = Kernel.SignalVariance * Matern52Kernel.SlopeOverR(r);
        }
        var mean = DenseKernels.Dot(k, _alpha);
        // w = (K + σₙ² I)⁻¹ k through v = L⁻¹ k, so the variance reuses v.
        var v = scratch.Slice(2 * n, n);
        k.CopyTo(v);
        _cholesky.SolveLower(v);
        var variance = Kernel.SignalVariance - DenseKernels.Dot(v, v);
        var w = v;
        _cholesky.SolveUpper(w);
        meanGradient.Clear();
        varianceGradient.Clear();
        for (var i = 0; i < n; i++)
        {
            var row = Row(i);
            var meanWeight = _alpha[i] * slopes[i];
            var varianceWeight = -2 * w[i] * slopes[i];
            for (var d = 0; d < Dimensions; d++)
            {
                if (categorical[d])
                {
                    continue;
                }
                // dk/dx_d = -σ² (5/3)(1 + √5 r) exp(-√5 r) (x_d - x_id) / ℓ_d².
                var dk = -(x[d] - row[d]) * inverseSquared[d];
                meanGradient[d] += meanWeight * dk;
                varianceGradient[d] += varianceWeight * dk;
            }
        }
        return (mean, Math.Max(variance, MinimumVariance));
    }

    /// <summary>This posterior with extra observations, under the same hyperparameters (used for fantasies).</summary>
    public GaussianProcess Condition(IReadOnlyList<double[]> inputs, IReadOnlyList<double> outputs)
    {
        if (inputs.Count == 0)
        {
            return this;
        }
        var flat = new double[_inputs.Length + inputs.Count * Dimensions];
        _inputs.CopyTo(flat, 0);
        for (var i = 0; i < inputs.Count; i++)
        {
            inputs[i].CopyTo(flat, _inputs.Length + i * Dimensions);
        }
        return new GaussianProcess(flat, [.. _outputs, .. outputs], Kernel.Categorical.ToArray(), Hyperparameters);
    }

    internal int ScratchLength => 3 * Count;

    private double MinimumVariance => 1e-12 * Kernel.SignalVariance;

    private ReadOnlySpan<double> Row(int i) => _inputs.AsSpan(i * Dimensions, Dimensions);

    private static double[] Flatten(IReadOnlyList<double[]> rows, int dimensions)
    {
        var flat = new double[rows.Count * dimensions];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != dimensions)
            {
                throw new ArgumentException($"Input {i} has {rows[i].Length} coordinates; expected {dimensions}.", nameof(rows));
            }
            rows[i].CopyTo(flat, i * dimensions);
        }
        return flat;
    }
}
