using MathNet.Numerics;
using Snnsweep.Search.Numerics;

namespace Snnsweep.Search.GaussianProcesses;

/// <summary>
/// Expected improvement below an incumbent for a Gaussian posterior (minimisation):
/// EI = σ h(z) with z = (best - μ) / σ and h(z) = φ(z) + z Φ(z). Its logarithm is computed without
/// underflow far from the incumbent (Ament et al., "Unexpected improvements to expected improvement",
/// 2023), where plain EI is exactly zero and gives an optimiser nothing to climb.
/// </summary>
public static class ExpectedImprovement
{
    private const double InverseSqrt2 = 0.70710678118654752440;

    /// <summary>EI by its textbook formula.</summary>
    public static double Value(double mean, double standardDeviation, double best)
    {
        if (standardDeviation <= 0)
        {
            return Math.Max(0, best - mean);
        }
        var z = (best - mean) / standardDeviation;
        return standardDeviation * (StandardNormal.Pdf(z) + z * StandardNormal.Cdf(z));
    }

    /// <summary>log EI, finite for any finite input with a positive standard deviation.</summary>
    public static double Log(double mean, double standardDeviation, double best) =>
        Math.Log(standardDeviation) + LogH((best - mean) / standardDeviation);

    /// <summary>log h(z) with h(z) = φ(z) + z Φ(z).</summary>
    public static double LogH(double z) => LogHWithDerivative(z, out _);

    /// <summary>log h(z) and d log h / dz = Φ(z) / h(z).</summary>
    public static double LogHWithDerivative(double z, out double derivative)
    {
        if (z > -1)
        {
            var cdf = StandardNormal.Cdf(z);
            var h = StandardNormal.Pdf(z) + z * cdf;
            derivative = cdf / h;
            return Math.Log(h);
        }
        // z = -t with t >= 1: Φ(-t) = φ(t) R(t) with R the Mills ratio, so h = φ(t) (1 - t R(t)).
        var t = -z;
        var mills = MillsRatio(t);
        var oneMinusTMills = t < 40 ? 1 - t * mills : AsymptoticOneMinusTMills(t);
        derivative = mills / oneMinusTMills;
        return -0.5 * t * t - StandardNormal.LogSqrt2Pi + Math.Log(oneMinusTMills);
    }

    /// <summary>R(t) = (1 - Φ(t)) / φ(t) for t >= 1.</summary>
    private static double MillsRatio(double t)
    {
        if (t < 5)
        {
            // erfc is accurate here and exp(t²/2) does not overflow.
            return 0.5 * SpecialFunctions.Erfc(t * InverseSqrt2) * Math.Exp(0.5 * t * t + StandardNormal.LogSqrt2Pi);
        }
        // Laplace's continued fraction R(t) = 1 / (t + 1 / (t + 2 / (t + 3 / (t + ...)))), evaluated backwards.
        var tail = t;
        for (var k = 80; k >= 1; k--)
        {
            tail = t + k / tail;
        }
        return 1 / tail;
    }

    /// <summary>1 - t R(t) = 1/t² - 3/t⁴ + 15/t⁶ - 105/t⁸ + ..., where the direct difference would cancel.</summary>
    private static double AsymptoticOneMinusTMills(double t)
    {
        var inverseSquare = 1 / (t * t);
        var term = inverseSquare;
        var sum = 0.0;
        for (var k = 1; k <= 6; k++)
        {
            sum += term;
            term *= -(2 * k + 1) * inverseSquare;
        }
        return sum;
    }
}
