using Snnsweep.Search.MultiObjective;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Samplers;

/// <summary>
/// Multivariate tree-structured Parzen estimator (Bergstra et al. 2011; Falkner et al. 2018 for the
/// joint kernels). Trials are split into the best few ("good") and the rest, a density is fitted to
/// each, and the candidate maximising l(x) / g(x) among draws from l wins. Conditional spaces are
/// handled group by group, parents first: parameters that share a condition are modelled jointly on
/// the trials where that condition held, so a child is never fitted to trials it did not exist in.
/// Pending trials count as bad (the "constant liar"), which pushes parallel proposals apart. In a
/// multi-objective sweep the split ranks trials by non-dominated sorting, then by crowding distance.
/// </summary>
public sealed class TpeSampler(long seed, TpeSamplerOptions? options = null) : ISampler
{
    private const int Attempts = 16;

    private readonly TpeSamplerOptions _options = options ?? new TpeSamplerOptions();

    public Configuration Ask(SearchProblem problem, TrialHistory history)
    {
        var space = problem.Space;
        var known = new KnownConfigurations(history);
        var random = SeededRandom.For(seed, history.Count, 2);
        var completed = history.Completed.ToList();
        if (completed.Count < Math.Max(1, _options.StartupTrials))
        {
            return known.DrawUniform(space, random);
        }

        // Best first: completed by loss (or Pareto rank), then pruned trials, then the pending "liars".
        var ranked = RankCompleted(problem, completed)
            .Concat(history.InState(TrialState.Pruned).OrderByDescending(t => t.LastStep))
            .Concat(history.Running)
            .ToList();
        var groups = Groups(space);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var chosen = new Dictionary<string, ParameterValue>();
            foreach (var group in groups)
            {
                if (!SearchSpace.IsActive(group[0], chosen))
                {
                    continue;
                }
                SampleGroup(group, ranked, chosen, random);
            }
            if (space.TryMakeFeasible(new Configuration(chosen), out var candidate) && known.IsFresh(candidate))
            {
                return candidate;
            }
        }
        return known.DrawUniform(space, random);
    }

    private int GoodCount(int n) => Math.Min((int)Math.Ceiling(_options.GoodFraction * n), _options.GoodCap);

    private static IEnumerable<Trial> RankCompleted(SearchProblem problem, List<Trial> completed)
    {
        if (!problem.IsMultiObjective)
        {
            return completed.OrderBy(t => problem.Primary.ToLoss(t.Values[0])).ThenBy(t => t.Id);
        }
        var losses = completed.Select(t => (IReadOnlyList<double>)ParetoFront.Losses(problem, t)).ToList();
        var ranks = ParetoFront.Ranks(losses);
        var crowding = new double[completed.Count];
        foreach (var front in Enumerable.Range(0, completed.Count).GroupBy(i => ranks[i]))
        {
            var members = front.ToList();
            var distances = CrowdingDistances(members.Select(i => losses[i]).ToList());
            for (var k = 0; k < members.Count; k++)
            {
                crowding[members[k]] = distances[k];
            }
        }
        return Enumerable.Range(0, completed.Count)
            .OrderBy(i => ranks[i]).ThenByDescending(i => crowding[i]).ThenBy(i => completed[i].Id)
            .Select(i => completed[i]);
    }

    /// <summary>NSGA-II crowding distance: how much room a point has to its neighbours along each objective.</summary>
    private static double[] CrowdingDistances(IReadOnlyList<IReadOnlyList<double>> points)
    {
        var n = points.Count;
        var distances = new double[n];
        if (n == 0)
        {
            return distances;
        }
        for (var k = 0; k < points[0].Count; k++)
        {
            var order = Enumerable.Range(0, n).OrderBy(i => points[i][k]).ToArray();
            var range = points[order[^1]][k] - points[order[0]][k];
            distances[order[0]] = distances[order[^1]] = double.PositiveInfinity;
            for (var j = 1; j < n - 1; j++)
            {
                distances[order[j]] += range > 0 ? (points[order[j + 1]][k] - points[order[j - 1]][k]) / range : 0;
            }
        }
        return distances;
    }

    /// <summary>Parameters sharing the same condition (or none), in parents-first order.</summary>
    private static List<List<Parameter>> Groups(SearchSpace space) =>
        space.Parameters
            .GroupBy(p => p.Condition is { } c ? c.Parent + "\u0001" + string.Join("\u0002", c.Values) : "")
            .Select(g => g.ToList())
            .ToList();

    private void SampleGroup(List<Parameter> group, List<Trial> ranked, Dictionary<string, ParameterValue> chosen, SeededRandom random)
    {
        var dimensions = group.Select(p => p switch
        {
            CategoricalParameter c => new TpeDimension(c.Choices.Count, null),
            IntParameter i => new TpeDimension(null, u => i.UnitCell(i.FromUnit(u))),
            _ => new TpeDimension(null, null),
        }).ToArray();

        // The trials in which this group existed, in the global order; the good share is taken among them,
        // and only ever from completed trials.
        var relevant = ranked.Where(t => t.Parameters.ContainsKey(group[0].Name)).ToList();
        var good = Math.Min(relevant.Count(t => t.State == TrialState.Completed), Math.Max(1, GoodCount(relevant.Count)));
        if (good == 0 || relevant.Count - good == 0)
        {
            foreach (var parameter in group)
            {
                chosen[parameter.Name] = parameter.FromUnit(random.NextDouble());
            }
            return;
        }
        double[] Encode(Trial t) => group.Select(p => p is CategoricalParameter c ? c.IndexOf(t.Parameters[p.Name]) : p.ToUnit(t.Parameters[p.Name])).ToArray();
        // Observations in trial order, so the recency weights favour recent trials.
        var below = new ParzenEstimator(dimensions, relevant.Take(good).OrderBy(t => t.Id).Select(Encode).ToList(), _options.PriorWeight);
        var above = new ParzenEstimator(dimensions, relevant.Skip(good).OrderBy(t => t.Id).Select(Encode).ToList(), _options.PriorWeight);

        double[]? best = null;
        var bestScore = double.NegativeInfinity;
        for (var i = 0; i < _options.Candidates; i++)
        {
            var x = below.Sample(random);
            var score = below.LogDensity(x) - above.LogDensity(x);
            if (score > bestScore)
            {
                bestScore = score;
                best = x;
            }
        }
        for (var d = 0; d < group.Count; d++)
        {
            chosen[group[d].Name] = group[d] is CategoricalParameter categorical ? categorical.Choices[(int)best![d]] : group[d].FromUnit(best![d]);
        }
    }
}
