namespace Snnsweep.Search.GaussianProcesses;

/// <summary>
/// k(a, b) = σ² (1 + √5 r + 5 r² / 3) exp(-√5 r), with r² = Σ_d ((a_d - b_d) / ℓ_d)² over numeric
/// dimensions plus Σ_d [a_d ≠ b_d] / ℓ_d² over categorical ones. Categorical dimensions hold a choice
/// index; the mismatch term is what a one-hot encoding with one shared lengthscale per parameter gives,
/// without multiplying the dimensions the acquisition optimiser has to search.
/// </summary>
public sealed class Matern52Kernel
{
    internal const double Sqrt5 = 2.23606797749978969641;

    private readonly double[] _inverseSquaredLengthscales;
    private readonly bool[] _categorical;

    public Matern52Kernel(IReadOnlyList<double> lengthscales, double signalVariance, IReadOnlyList<bool> categorical)
    {
        if (lengthscales.Count != categorical.Count)
        {
            throw new ArgumentException("One lengthscale per dimension is needed.", nameof(lengthscales));
        }
        _inverseSquaredLengthscales = lengthscales.Select(l => 1 / (l * l)).ToArray();
        _categorical = categorical.ToArray();
        SignalVariance = signalVariance;
    }

    public double SignalVariance { get; }

    public int Dimensions => _categorical.Length;

    internal ReadOnlySpan<double> InverseSquaredLengthscales => _inverseSquaredLengthscales;

    internal ReadOnlySpan<bool> Categorical => _categorical;

    public double Evaluate(ReadOnlySpan<double> a, ReadOnlySpan<double> b) => SignalVariance * Profile(Math.Sqrt(ScaledSquaredDistance(a, b)));

    /// <summary>(1 + √5 r + 5 r² / 3) exp(-√5 r).</summary>
    public static double Profile(double r) => (1 + Sqrt5 * r + 5.0 / 3.0 * r * r) * Math.Exp(-Sqrt5 * r);

    /// <summary>-(1/r) dProfile/dr = (5/3)(1 + √5 r) exp(-√5 r): finite at r = 0, where the kernel is flat.</summary>
    public static double SlopeOverR(double r) => 5.0 / 3.0 * (1 + Sqrt5 * r) * Math.Exp(-Sqrt5 * r);

    internal double ScaledSquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var d = 0; d < _categorical.Length; d++)
        {
            sum += _inverseSquaredLengthscales[d] * ComponentSquaredDistance(a[d], b[d], _categorical[d]);
        }
        return sum;
    }

    internal static double ComponentSquaredDistance(double a, double b, bool categorical)
    {
        if (categorical)
        {
            return a == b ? 0 : 1;
        }
        var difference = a - b;
        return difference * difference;
    }
}
