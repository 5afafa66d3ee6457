using Snnsweep.Search.GaussianProcesses;
using Snnsweep.Search.MultiObjective;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Samplers;

/// <summary>
/// Multi-objective GP-BO by ParEGO (Knowles 2006): each proposal draws a fresh weight vector λ from the
/// simplex, scalarises the normalised losses with the augmented Chebyshev function
/// max_k λ_k f_k + ρ Σ_k λ_k f_k, and runs the GP pipeline on that single objective. The Chebyshev
/// maximum can reach every point of a non-convex front, and changing λ each time spreads trials along
/// it (e.g. accuracy against average timestep). With one objective it is <see cref="GpSampler"/>.
/// </summary>
public sealed class ParEgoSampler : ISampler
{
    private const double Rho = 0.05;

    private readonly long _seed;
    private readonly GpProposalPipeline _pipeline;

    public ParEgoSampler(long seed, GpSamplerOptions? options = null)
    {
        _seed = seed;
        _pipeline = new GpProposalPipeline(seed, options ?? new GpSamplerOptions());
    }

    public Configuration Ask(SearchProblem problem, TrialHistory history)
    {
        var completed = history.Completed.ToList();
        var losses = completed.Select(t => ParetoFront.Losses(problem, t)).ToList();
        var objectives = problem.Objectives.Count;
        var weights = RandomWeights(objectives, SeededRandom.For(_seed, history.Count, 3));
        var low = new double[objectives];
        var high = new double[objectives];
        for (var k = 0; k < objectives; k++)
        {
            low[k] = losses.Count == 0 ? 0 : losses.Min(l => l[k]);
            high[k] = losses.Count == 0 ? 1 : losses.Max(l => l[k]);
        }
        var observations = completed.Select((t, i) => (t, Scalarise(losses[i], weights, low, high))).ToList();
        return _pipeline.Propose(problem.Space, history, observations, salt: 3);
    }

    internal static double Scalarise(double[] loss, double[] weights, double[] low, double[] high)
    {
        var max = double.NegativeInfinity;
        var sum = 0.0;
        for (var k = 0; k < loss.Length; k++)
        {
            var range = high[k] - low[k];
            var normalised = range > 0 ? (loss[k] - low[k]) / range : 0;
            max = Math.Max(max, weights[k] * normalised);
            sum += weights[k] * normalised;
        }
        return max + Rho * sum;
    }

    /// <summary>Uniform on the simplex: normalised exponential draws.</summary>
    private static double[] RandomWeights(int count, SeededRandom random)
    {
        var draws = Enumerable.Range(0, count).Select(_ => -Math.Log(1 - random.NextDouble())).ToArray();
        var total = draws.Sum();
        return draws.Select(d => d / total).ToArray();
    }
}
