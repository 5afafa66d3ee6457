namespace Snnsweep.Search.GaussianProcesses;

/// <summary>
/// Makes objective values look Gaussian before the GP sees them: standardise, apply the Yeo-Johnson
/// power transform whose λ maximises the Gaussian likelihood of the result, standardise again. Loss
/// surfaces such as Rosenbrock's span orders of magnitude; untransformed, a few huge values set the
/// kernel's scale and the region near the optimum looks flat. The map is increasing, so the order of
/// configurations, and therefore what is best, is unchanged.
/// </summary>
internal static class PowerTransform
{
    private const double MinLambda = -2;
    private const double MaxLambda = 2;

    public static double[] Apply(double[] values)
    {
        var standardised = Standardise(values);
        var lambda = BestLambda(standardised);
        return Standardise(standardised.Select(v => YeoJohnson(v, lambda)).ToArray());
    }

    public static double[] Standardise(double[] values)
    {
        var mean = values.Average();
        var variance = values.Sum(v => (v - mean) * (v - mean)) / values.Length;
        var sd = variance > 1e-300 ? Math.Sqrt(variance) : 1;
        return values.Select(v => (v - mean) / sd).ToArray();
    }

    public static double YeoJohnson(double y, double lambda)
    {
        if (y >= 0)
        {
            return Math.Abs(lambda) < 1e-9 ? Math.Log(1 + y) : (Math.Pow(1 + y, lambda) - 1) / lambda;
        }
        return Math.Abs(lambda - 2) < 1e-9 ? -Math.Log(1 - y) : -(Math.Pow(1 - y, 2 - lambda) - 1) / (2 - lambda);
    }

    /// <summary>Golden-section search of the profile log-likelihood, which is unimodal in λ in practice.</summary>
    internal static double BestLambda(double[] values)
    {
        var logTerms = values.Sum(v => Math.Sign(v) * Math.Log(1 + Math.Abs(v)));
        double LogLikelihood(double lambda)
        {
            var transformed = values.Select(v => YeoJohnson(v, lambda)).ToArray();
            var mean = transformed.Average();
            var variance = transformed.Sum(t => (t - mean) * (t - mean)) / transformed.Length;
            return -0.5 * values.Length * Math.Log(Math.Max(variance, 1e-300)) + (lambda - 1) * logTerms;
        }
        const double ratio = 0.6180339887498949;
        double a = MinLambda, b = MaxLambda;
        var c = b - ratio * (b - a);
        var d = a + ratio * (b - a);
        double fc = LogLikelihood(c), fd = LogLikelihood(d);
        for (var i = 0; i < 40; i++)
        {
            if (fc > fd)
            {
                b = d;
                d = c;
                fd = fc;
                c = b - ratio * (b - a);
                fc = LogLikelihood(c);
            }
            else
            {
                a = c;
                c = d;
                fc = fd;
                d = a + ratio * (b - a);
                fd = LogLikelihood(d);
            }
        }
        return 0.5 * (a + b);
    }
}
