using Snnsweep.Search.MultiObjective;

namespace Snnsweep.Search.Tests;

/// <summary>
/// The yardstick of the multi-objective sampler tests: the hypervolume (Lebesgue measure) of the region dominated by a set of loss vectors and bounded by a
/// reference point, all objectives minimised. Exact in any dimension: a sweep along two objectives in
/// 2-D and, above that, slicing along the last objective (HSO), which is exponential in the number of
/// objectives but exact and fast for the handful of objectives and hundreds of points of a sweep.
/// </summary>
internal static class Hypervolume
{
    public static double Compute(IReadOnlyList<IReadOnlyList<double>> points, IReadOnlyList<double> reference)
    {
        var dimensions = reference.Count;
        if (points.Any(p => p.Count != dimensions))
        {
            throw new ArgumentException("Every point needs one value per reference coordinate.", nameof(points));
        }
        // Points not strictly better than the reference in every objective bound no volume.
        var inside = points.Where(p => Enumerable.Range(0, dimensions).All(k => p[k] < reference[k])).Select(p => p.ToArray()).ToList();
        return Compute(inside, reference.ToArray());
    }

    private static double Compute(List<double[]> points, double[] reference)
    {
        if (points.Count == 0)
        {
            return 0;
        }
        var dimensions = reference.Length;
        if (dimensions == 1)
        {
            return reference[0] - points.Min(p => p[0]);
        }
        if (dimensions == 2)
        {
            return Sweep2D(points, reference);
        }
        // Slice along the last objective: between consecutive values z_k and z_{k+1}, the cross-section is
        // the (d-1)-dimensional hypervolume of the points with last objective <= z_k.
        var sorted = points.OrderBy(p => p[dimensions - 1]).ToList();
        var lowerReference = reference[..^1];
        var volume = 0.0;
        var active = new List<double[]>();
        for (var k = 0; k < sorted.Count; k++)
        {
            active.Add(sorted[k][..^1]);
            var top = k + 1 < sorted.Count ? sorted[k + 1][dimensions - 1] : reference[dimensions - 1];
            var depth = top - sorted[k][dimensions - 1];
            if (depth > 0)
            {
                active = NonDominated(active);
                volume += depth * Compute(active, lowerReference);
            }
        }
        return volume;
    }

    private static double Sweep2D(List<double[]> points, double[] reference)
    {
        var volume = 0.0;
        var ceiling = reference[1];
        foreach (var p in points.OrderBy(p => p[0]).ThenBy(p => p[1]))
        {
            if (p[1] < ceiling)
            {
                volume += (reference[0] - p[0]) * (ceiling - p[1]);
                ceiling = p[1];
            }
        }
        return volume;
    }

    private static List<double[]> NonDominated(List<double[]> points)
    {
        var kept = new List<double[]>();
        foreach (var p in points)
        {
            if (points.Any(q => !ReferenceEquals(p, q) && (ParetoFront.Dominates(q, p) || (q.SequenceEqual(p) && kept.Any(k => ReferenceEquals(k, q))))))
            {
                continue;
            }
            kept.Add(p);
        }
        return kept;
    }
}
