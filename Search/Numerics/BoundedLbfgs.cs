namespace Snnsweep.Search.Numerics;

/// <summary>
/// Limited-memory BFGS with box bounds by projection: the quasi-Newton step is taken on the coordinates
/// not pinned at a bound and the trial point is clipped into the box, with a backtracking Armijo search
/// along the projected path. Simpler than L-BFGS-B's Cauchy point, and enough for the smooth, low-
/// dimensional problems here (GP hyperparameters, acquisition refinement). Deterministic.
/// </summary>
internal static class BoundedLbfgs
{
    /// <summary>Writes f(x) and its gradient; returns f.</summary>
    public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);

    public readonly record struct Result(double Value, int Evaluations);

    public static Result Minimize(
        Objective objective,
        Span<double> x,
        ReadOnlySpan<double> lower,
        ReadOnlySpan<double> upper,
        int maxIterations = 100,
        int memory = 8,
        double gradientTolerance = 1e-6,
        double relativeTolerance = 1e-9)
    {
        var n = x.Length;
        for (var i = 0; i < n; i++)
        {
            x[i] = Math.Clamp(x[i], lower[i], upper[i]);
        }
        var g = new double[n];
        var f = objective(x, g);
        var evaluations = 1;
        if (!double.IsFinite(f))
        {
            return new Result(f, evaluations);
        }
        var sHistory = new double[memory][];
        var yHistory = new double[memory][];
        var rho = new double[memory];
        var stored = 0;
        var newest = -1;
        var direction = new double[n];
        var trial = new double[n];
        var trialGradient = new double[n];
        var alphas = new double[memory];
        for (var iteration = 0; iteration < maxIterations; iteration++)
        {
            var free = new bool[n];
            var projectedGradientNorm = 0.0;
            for (var i = 0; i < n; i++)
            {
                var pinnedLow = x[i] <= lower[i] && g[i] > 0;
                var pinnedHigh = x[i] >= upper[i] && g[i] < 0;
                free[i] = !pinnedLow && !pinnedHigh;
                if (free[i])
                {
                    projectedGradientNorm = Math.Max(projectedGradientNorm, Math.Abs(g[i]));
                }
            }
            if (projectedGradientNorm < gradientTolerance)
            {
                break;
            }

            // Two-loop recursion on the free coordinates.
            for (var i = 0; i < n; i++)
            {
                direction[i] = free[i] ? -g[i] : 0;
            }
            for (var k = 0; k < stored; k++)
            {
                var slot = (newest - k + memory) % memory;
                alphas[slot] = rho[slot] * MaskedDot(sHistory[slot], direction, free);
                Axpy(-alphas[slot], yHistory[slot], direction, free);
            }
            if (stored > 0)
            {
                var gamma = MaskedDot(sHistory[newest], yHistory[newest], free) / Math.Max(1e-300, MaskedDot(yHistory[newest], yHistory[newest], free));
                if (gamma > 0 && double.IsFinite(gamma))
                {
                    for (var i = 0; i < n; i++)
                    {
                        direction[i] *= gamma;
                    }
                }
            }
            for (var k = stored - 1; k >= 0; k--)
            {
                var slot = (newest - k + memory) % memory;
                var beta = rho[slot] * MaskedDot(yHistory[slot], direction, free);
                Axpy(alphas[slot] - beta, sHistory[slot], direction, free);
            }
            var slope = 0.0;
            for (var i = 0; i < n; i++)
            {
                slope += direction[i] * g[i];
            }
            if (!(slope < 0))
            {
                // Not a descent direction after the curvature pairs: restart from steepest descent.
                stored = 0;
                for (var i = 0; i < n; i++)
                {
                    direction[i] = free[i] ? -g[i] : 0;
                }
            }

            var step = stored == 0 ? Math.Min(1.0, 1.0 / Math.Max(1e-12, projectedGradientNorm)) : 1.0;
            var accepted = false;
            double trialValue = double.NaN;
            for (var backtrack = 0; backtrack < 30; backtrack++)
            {
                var decrease = 0.0;
                for (var i = 0; i < n; i++)
                {
                    trial[i] = Math.Clamp(x[i] + step * direction[i], lower[i], upper[i]);
                    decrease += g[i] * (trial[i] - x[i]);
                }
                trialValue = objective(trial, trialGradient);
                evaluations++;
                if (double.IsFinite(trialValue) && trialValue <= f + 1e-4 * decrease)
                {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted)
            {
                break;
            }

            newest = (newest + 1) % memory;
            var s = sHistory[newest] ??= new double[n];
            var y = yHistory[newest] ??= new double[n];
            var sy = 0.0;
            for (var i = 0; i < n; i++)
            {
                s[i] = trial[i] - x[i];
                y[i] = trialGradient[i] - g[i];
                sy += s[i] * y[i];
            }
            if (sy > 1e-12)
            {
                rho[newest] = 1 / sy;
                stored = Math.Min(stored + 1, memory);
            }
            else
            {
                newest = (newest - 1 + memory) % memory;
            }

            var previous = f;
            trial.CopyTo(x);
            trialGradient.CopyTo(g, 0);
            f = trialValue;
            if (previous - f <= relativeTolerance * Math.Max(1, Math.Abs(f)))
            {
                break;
            }
        }
        return new Result(f, evaluations);
    }

    private static double MaskedDot(double[] a, double[] b, bool[] mask)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            if (mask[i])
            {
                sum += a[i] * b[i];
            }
        }
        return sum;
    }

    private static void Axpy(double alpha, double[] x, double[] y, bool[] mask)
    {
        for (var i = 0; i < x.Length; i++)
        {
            if (mask[i])
            {
                y[i] += alpha * x[i];
            }
        }
    }
}
