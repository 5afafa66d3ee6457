using MathNet.Numerics.Distributions;
using Snnsweep.Search.GaussianProcesses;
using Snnsweep.Search.Numerics;

namespace Snnsweep.Search.Tests;

public sealed class ExpectedImprovementTests
{
    [Theory]
    [InlineData(0.0, 1.0, 0.0)]
    [InlineData(1.3, 0.4, 0.9)]
    [InlineData(-2.0, 0.7, 0.5)]
    [InlineData(0.2, 2.5, -3.0)]
    [InlineData(5.0, 0.3, 0.0)]
    public void Ei_matches_its_formula_and_the_integral_that_defines_it(double mean, double sd, double best)
    {
        var z = (best - mean) / sd;
        var formula = (best - mean) * Normal.CDF(0, 1, z) + sd * Normal.PDF(0, 1, z);

        // E[max(best - Y, 0)] for Y ~ N(mean, sd²), by Simpson's rule over ±12 standard deviations.
        var low = mean - 12 * sd;
        var high = Math.Min(best, mean + 12 * sd);
        var integral = 0.0;
        if (high > low)
        {
            const int steps = 20_000;
            var h = (high - low) / steps;
            for (var i = 0; i <= steps; i++)
            {
                var y = low + i * h;
                var weight = i == 0 || i == steps ? 1 : i % 2 == 1 ? 4 : 2;
                integral += weight * (best - y) * Normal.PDF(mean, sd, y);
            }
            integral *= h / 3;
        }

        Assert.Equal(formula, ExpectedImprovement.Value(mean, sd, best), 12);
        Assert.Equal(integral, ExpectedImprovement.Value(mean, sd, best), 8);
        if (formula > 1e-300)
        {
            Assert.Equal(Math.Log(formula), ExpectedImprovement.Log(mean, sd, best), 9);
        }
    }

    [Theory]
    [InlineData(-2.0)]
    [InlineData(-4.0)]
    [InlineData(-6.0)]
    [InlineData(-10.0)]
    [InlineData(-20.0)]
    public void Log_ei_agrees_with_plain_ei_wherever_plain_ei_is_representable(double z)
    {
        var plain = StandardNormal.Pdf(z) + z * StandardNormal.Cdf(z);

        Assert.Equal(Math.Log(plain), ExpectedImprovement.LogH(z), 6);
    }

    [Theory]
    [InlineData(-40.0)]
    [InlineData(-100.0)]
    [InlineData(-1e4)]
    public void Log_ei_stays_finite_and_follows_the_asymptote_where_plain_ei_underflows(double z)
    {
        // h(z) = φ(z) (1/z² - 3/z⁴ + ...) for z → -∞.
        var asymptote = -0.5 * z * z - 0.5 * Math.Log(2 * Math.PI) - 2 * Math.Log(-z) + Math.Log(1 - 3 / (z * z));

        var logH = ExpectedImprovement.LogH(z);

        Assert.True(double.IsFinite(logH));
        Assert.Equal(asymptote, logH, 1e-6 * Math.Abs(asymptote));
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(0.2)]
    [InlineData(-0.999)]
    [InlineData(-1.001)]
    [InlineData(-4.99)]
    [InlineData(-5.01)]
    [InlineData(-39.9)]
    [InlineData(-40.1)]
    public void The_derivative_of_log_h_is_continuous_and_correct_across_its_branches(double z)
    {
        const double h = 1e-5;
        var numeric = (ExpectedImprovement.LogH(z + h) - ExpectedImprovement.LogH(z - h)) / (2 * h);

        ExpectedImprovement.LogHWithDerivative(z, out var derivative);

        Assert.Equal(numeric, derivative, 1e-5 * Math.Max(1, Math.Abs(numeric)));
    }

    [Fact]
    public void Log_ei_increases_as_the_mean_drops_and_as_uncertainty_grows()
    {
        var previous = double.NegativeInfinity;
        foreach (var mean in new[] { 50.0, 20.0, 5.0, 1.0, 0.0, -1.0 })
        {
            var value = ExpectedImprovement.Log(mean, 0.5, 0.0);
            Assert.True(value > previous);
            previous = value;
        }
        Assert.True(ExpectedImprovement.Log(3, 2, 0) > ExpectedImprovement.Log(3, 1, 0));
    }
}
