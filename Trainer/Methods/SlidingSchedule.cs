namespace Snnsweep.Trainer.Methods;

/// <summary>
/// kt's sliding replacement (docs/methods.md §1.5): at iteration k of K, each sample's static input is replaced by
/// its event partner with probability <c>P(k) = min(1, (k / K)^p)</c>, so training slides from static to event
/// inputs. With p = 3: 0.125 at half of K, 0.42 at three quarters.
/// </summary>
public static class SlidingSchedule
{
    public static double Probability(long iteration, double totalIterations, double exponent)
    {
        if (totalIterations <= 0) return 1.0;
        var progress = Math.Max(0, iteration) / totalIterations;
        return Math.Min(1.0, Math.Pow(progress, exponent));
    }

    /// <summary>Which samples of a batch of <paramref name="batch"/> are replaced: u ~ U(0,1) per sample, replaced when u &lt; P.</summary>
    public static bool[] Draw(int batch, double probability, Random random)
    {
        var replaced = new bool[batch];
        for (var b = 0; b < batch; b++) replaced[b] = random.NextDouble() < probability;
        return replaced;
    }
}
