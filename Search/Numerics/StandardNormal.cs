using MathNet.Numerics;

namespace Snnsweep.Search.Numerics;

/// <summary>Density and distribution function of N(0, 1).</summary>
internal static class StandardNormal
{
    public const double LogSqrt2Pi = 0.91893853320467274178;

    private const double InverseSqrt2 = 0.70710678118654752440;

    public static double Pdf(double z) => Math.Exp(-0.5 * z * z - LogSqrt2Pi);

    /// <summary>Φ(z) through erfc, accurate in the lower tail where 1 - Φ(-z) would cancel.</summary>
    public static double Cdf(double z) => 0.5 * SpecialFunctions.Erfc(-z * InverseSqrt2);

    /// <summary>Φ(b) - Φ(a) for a &lt; b, taken from the tail where it does not cancel.</summary>
    public static double Mass(double a, double b) => a > 0 ? Cdf(-a) - Cdf(-b) : Cdf(b) - Cdf(a);
}
