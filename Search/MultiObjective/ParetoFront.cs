using Snnsweep.Search.Trials;

namespace Snnsweep.Search.MultiObjective;

/// <summary>Pareto dominance over loss vectors (every objective minimised; see <see cref="Objective.ToLoss"/>).</summary>
public static class ParetoFront
{
    /// <summary>a dominates b: no worse in every objective and better in at least one.</summary>
    public static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var better = false;
        for (var k = 0; k < a.Count; k++)
        {
            if (a[k] > b[k])
            {
                return false;
            }
            better |= a[k] < b[k];
        }
        return better;
    }

    /// <summary>Indices of the points no other point dominates, in input order; equal points are all kept.</summary>
    public static IReadOnlyList<int> NonDominatedIndices(IReadOnlyList<IReadOnlyList<double>> points)
    {
        var front = new List<int>();
        for (var i = 0; i < points.Count; i++)
        {
            var dominated = false;
            for (var j = 0; j < points.Count && !dominated; j++)
            {
                dominated = j != i && Dominates(points[j], points[i]);
            }
            if (!dominated)
            {
                front.Add(i);
            }
        }
        return front;
    }

    /// <summary>Non-dominated sorting: rank 0 is the Pareto front, rank 1 the front of what remains, and so on.</summary>
    public static int[] Ranks(IReadOnlyList<IReadOnlyList<double>> points)
    {
        var n = points.Count;
        var dominatedBy = new int[n];
        var dominates = new List<int>[n];
        for (var i = 0; i < n; i++)
        {
            dominates[i] = [];
        }
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                if (Dominates(points[i], points[j]))
                {
                    dominates[i].Add(j);
                    dominatedBy[j]++;
                }
                else if (Dominates(points[j], points[i]))
                {
                    dominates[j].Add(i);
                    dominatedBy[i]++;
                }
            }
        }
        var ranks = new int[n];
        var current = Enumerable.Range(0, n).Where(i => dominatedBy[i] == 0).ToList();
        for (var rank = 0; current.Count > 0; rank++)
        {
            var next = new List<int>();
            foreach (var i in current)
            {
                ranks[i] = rank;
                foreach (var j in dominates[i])
                {
                    if (--dominatedBy[j] == 0)
                    {
                        next.Add(j);
                    }
                }
            }
            current = next;
        }
        return ranks;
    }

    /// <summary>The completed trials on the Pareto front of a (possibly multi-objective) problem.</summary>
    public static IReadOnlyList<Trial> BestTrials(SearchProblem problem, TrialHistory history)
    {
        var completed = history.Completed.ToList();
        var losses = completed.Select(t => (IReadOnlyList<double>)Losses(problem, t)).ToList();
        return NonDominatedIndices(losses).Select(i => completed[i]).ToList();
    }

    /// <summary>A completed trial's objective values as losses, one per objective.</summary>
    public static double[] Losses(SearchProblem problem, Trial trial) =>
        problem.Objectives.Select((objective, k) => objective.ToLoss(trial.Values[k])).ToArray();
}
