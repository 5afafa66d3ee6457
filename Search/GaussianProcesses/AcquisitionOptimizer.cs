using Snnsweep.Search.Numerics;
using Snnsweep.Search.Samplers;
using Snnsweep.Search.Spaces;

namespace Snnsweep.Search.GaussianProcesses;

/// <summary>
/// Maximises log-EI over a mixed space: score many feasible candidates (uniform draws plus perturbations
/// of the best configurations seen, which is where a converging search spends its time), then polish the
/// best few with bounded L-BFGS on their continuous coordinates, and keep the best configuration that
/// decodes to something feasible and not already tried. Integers are optimised relaxed and rounded, and
/// rescored after rounding so the choice is made on what will actually run.
/// </summary>
internal static class AcquisitionOptimizer
{
    private static readonly double[] LocalScales = [0.01, 0.04, 0.15];

    public static Configuration Maximize(
        SearchSpace space,
        SpaceEncoding encoding,
        LogEiAcquisition acquisition,
        IReadOnlyList<Configuration> incumbents,
        KnownConfigurations known,
        SeededRandom random,
        GpSamplerOptions options)
    {
        var configurations = new List<Configuration>();
        var points = new List<double[]>();
        var seen = new HashSet<Configuration>();

        void Consider(Configuration configuration)
        {
            if (space.TryMakeFeasible(configuration, out var feasible) && known.IsFresh(feasible) && seen.Add(feasible))
            {
                configurations.Add(feasible);
                points.Add(encoding.Encode(feasible));
            }
        }

        for (var i = 0; i < options.RandomCandidates; i++)
        {
            Consider(space.SampleUniform(random));
        }
        if (incumbents.Count > 0)
        {
            for (var i = 0; i < options.LocalCandidates; i++)
            {
                var parent = encoding.Encode(incumbents[i % incumbents.Count]);
                Consider(encoding.Decode(Perturb(parent, encoding, space, random)));
            }
        }
        if (configurations.Count == 0)
        {
            return known.DrawUniform(space, random);
        }
        var scores = acquisition.Values(points).ToList();

        // Polish the best few in parallel (each start is independent, so the outcome is the same on any
        // number of cores), then judge the polished points after decoding, as they will actually run.
        var starts = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).Take(options.RefinedCandidates).ToArray();
        var refined = new Configuration?[starts.Length];
        Parallel.For(0, starts.Length, s =>
        {
            var configuration = configurations[starts[s]];
            var movable = encoding.MovableCoordinates(configuration);
            if (!movable.Contains(true))
            {
                return;
            }
            var x = points[starts[s]].ToArray();
            var lower = new double[x.Length];
            var upper = new double[x.Length];
            for (var d = 0; d < x.Length; d++)
            {
                (lower[d], upper[d]) = movable[d] ? (0.0, 1.0) : (x[d], x[d]);
            }
            BoundedLbfgs.Minimize(acquisition.NegativeObjective(), x, lower, upper, maxIterations: 40);
            refined[s] = encoding.Decode(x);
        });
        var before = points.Count;
        foreach (var configuration in refined.OfType<Configuration>())
        {
            Consider(configuration);
        }
        scores.AddRange(acquisition.Values(points.Skip(before).ToList()));
        var best = 0;
        for (var i = 1; i < scores.Count; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }
        return configurations[best];
    }

    /// <summary>
    /// Moves a couple of coordinates of a good point: each numeric one with probability 2/D (at least
    /// one), by a Gaussian step of a randomly chosen scale; each categorical one to another choice with
    /// probability 1/D.
    /// </summary>
    private static double[] Perturb(double[] parent, SpaceEncoding encoding, SearchSpace space, SeededRandom random)
    {
        var x = parent.ToArray();
        var dimensions = x.Length;
        var probability = Math.Min(1.0, 2.0 / dimensions);
        var moved = false;
        for (var attempt = 0; attempt < 4 && !moved; attempt++)
        {
            for (var d = 0; d < dimensions; d++)
            {
                if (encoding.Categorical[d])
                {
                    var choices = ((CategoricalParameter)space.Parameters[d]).Choices.Count;
                    if (choices > 1 && x[d] >= 0 && random.NextDouble() < 1.0 / dimensions)
                    {
                        x[d] = (x[d] + 1 + random.NextInt(choices - 1)) % choices;
                        moved = true;
                    }
                }
                else if (random.NextDouble() < probability)
                {
                    var scale = LocalScales[random.NextInt(LocalScales.Length)];
                    x[d] = Math.Clamp(x[d] + scale * random.NextGaussian(), 0, 1);
                    moved = true;
                }
            }
        }
        return x;
    }
}
