using Snnsweep.Search.MultiObjective;
using Snnsweep.Search.Samplers;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Tests;

public sealed class MultiObjectiveTests
{
    [Fact]
    public void Pareto_front_and_ranks_match_hand_computation()
    {
        IReadOnlyList<double>[] points =
        [
            [1, 5], // 0: front
            [2, 3], // 1: front
            [3, 4], // 2: dominated by 1 -> rank 1
            [4, 1], // 3: front
            [4, 2], // 4: dominated by 3 -> rank 1
            [5, 5], // 5: dominated by 2 and 4 -> rank 2
            [2, 3], // 6: equal to 1, not dominated -> front
        ];

        Assert.Equal([0, 1, 3, 6], ParetoFront.NonDominatedIndices(points));
        Assert.Equal([0, 0, 1, 0, 1, 2, 0], ParetoFront.Ranks(points));
        Assert.True(ParetoFront.Dominates([1, 1], [1, 2]));
        Assert.False(ParetoFront.Dominates([1, 2], [1, 2]));
        Assert.False(ParetoFront.Dominates([0, 3], [1, 2]));
    }

    [Fact]
    public void Best_trials_respect_each_objective_direction()
    {
        var problem = new SearchProblem(new SearchSpace([new FloatParameter("x", 0, 1)]), [Objective.Maximize("accuracy"), Objective.Minimize("average_timestep")]);
        var history = new TrialHistory(
        [
            Trial.Start(0, Configuration.Empty.With("x", 0.1)).Complete([0.90, 6]),
            Trial.Start(1, Configuration.Empty.With("x", 0.2)).Complete([0.85, 3]),
            Trial.Start(2, Configuration.Empty.With("x", 0.3)).Complete([0.80, 4]), // worse than 1 on both
            Trial.Start(3, Configuration.Empty.With("x", 0.4)).Complete([0.70, 2]),
            Trial.Start(4, Configuration.Empty.With("x", 0.5)),
        ]);

        Assert.Equal([0, 1, 3], ParetoFront.BestTrials(problem, history).Select(t => t.Id));
    }

    [Fact]
    public void Hypervolume_matches_hand_computations_in_two_dimensions()
    {
        // Staircase under (4, 4): 3*1 + 2*1 + 1*1.
        Assert.Equal(6, Hypervolume.Compute([[1, 3], [2, 2], [3, 1]], [4, 4]), 12);
        // A dominated point and a point outside the reference box add nothing.
        Assert.Equal(6, Hypervolume.Compute([[1, 3], [2, 2], [3, 1], [3, 3], [5, 0]], [4, 4]), 12);
        Assert.Equal(0, Hypervolume.Compute([], [1, 1]));
        Assert.Equal(0.25, Hypervolume.Compute([[0.5, 0.5]], [1, 1]), 12);
    }

    [Fact]
    public void Hypervolume_matches_hand_computations_in_three_and_four_dimensions()
    {
        // Boxes [0,2]x[0,2]x[1,2] (volume 4) and [1,2]x[0,2]x[0,2] (volume 4) overlap in [1,2]x[0,2]x[1,2] (volume 2).
        Assert.Equal(6, Hypervolume.Compute([[0, 0, 1], [1, 0, 0]], [2, 2, 2]), 12);
        // Three boxes of volume 2 (e.g. [0,2]x[1,2]x[1,2]); each pair and all three meet in [1,2]^3 (volume 1):
        // 3 * 2 - 3 * 1 + 1 = 4 by inclusion-exclusion.
        Assert.Equal(4, Hypervolume.Compute([[0, 1, 1], [1, 0, 1], [1, 1, 0]], [2, 2, 2]), 12);
        // 4-D: a dominated point adds nothing to the 2^4 box of the first.
        Assert.Equal(16, Hypervolume.Compute([[0, 0, 0, 0], [0, 0, 0, 1]], [2, 2, 2, 2]), 12);
        // Boxes of volume 8 and 8 meeting in [1,2]x[0,2]x[0,2]x[1,2] (volume 4): 8 + 8 - 4.
        Assert.Equal(12, Hypervolume.Compute([[0, 0, 0, 1], [1, 0, 0, 0]], [2, 2, 2, 2]), 12);
    }

    [Fact]
    public void Hypervolume_in_three_dimensions_agrees_with_a_grid_count()
    {
        var random = new SeededRandom(9);
        var points = Enumerable.Range(0, 12).Select(_ => (IReadOnlyList<double>)new[] { random.NextDouble(), random.NextDouble(), random.NextDouble() }).ToList();
        double[] reference = [1, 1, 1];

        const int grid = 80;
        var dominated = 0;
        for (var i = 0; i < grid; i++)
        {
            for (var j = 0; j < grid; j++)
            {
                for (var k = 0; k < grid; k++)
                {
                    double[] cell = [(i + 0.5) / grid, (j + 0.5) / grid, (k + 0.5) / grid];
                    if (points.Any(p => p[0] <= cell[0] && p[1] <= cell[1] && p[2] <= cell[2]))
                    {
                        dominated++;
                    }
                }
            }
        }

        Assert.Equal(dominated / (double)(grid * grid * grid), Hypervolume.Compute(points, reference), 2);
    }

    // f1 = x, f2 = 1 + y - sqrt(x): the front is y = 0, f2 = 1 - sqrt(f1), a convex curve.
    private static readonly SearchProblem TwoObjectives = new(
        new SearchSpace([new FloatParameter("x", 0, 1), new FloatParameter("y", 0, 1)]),
        [Objective.Minimize("f1"), Objective.Minimize("f2")]);

    private static double[] Evaluate(Configuration c) => [c.GetNumber("x"), 1 + c.GetNumber("y") - Math.Sqrt(c.GetNumber("x"))];

    private static double Volume(TrialHistory history) =>
        Hypervolume.Compute(history.Completed.Select(t => (IReadOnlyList<double>)ParetoFront.Losses(TwoObjectives, t)).ToList(), [1.1, 2.1]);

    [Fact]
    public void Multi_objective_tpe_ranks_by_pareto_fronts_and_beats_random_search()
    {
        var tpe = Enumerable.Range(0, 3).Select(seed => TestProblems.RunSequential(new TpeSampler(seed), TwoObjectives, 50, Evaluate)).ToList();
        var random = Enumerable.Range(0, 3).Select(seed => TestProblems.RunSequential(new RandomSampler(seed), TwoObjectives, 50, Evaluate)).ToList();

        for (var seed = 0; seed < 3; seed++)
        {
            Assert.True(Volume(tpe[seed]) > Volume(random[seed]), $"seed {seed}: TPE {Volume(tpe[seed])} vs random {Volume(random[seed])}");
        }
    }

    [Fact]
    public void ParEgo_spreads_trials_along_a_front_and_beats_random_search()
    {
        var problem = TwoObjectives;

        var parEgo = Enumerable.Range(0, 3).Select(seed => TestProblems.RunSequential(new ParEgoSampler(seed, TestProblems.FastGp), problem, 30, Evaluate)).ToList();
        var random = Enumerable.Range(0, 3).Select(seed => TestProblems.RunSequential(new RandomSampler(seed), problem, 30, Evaluate)).ToList();

        for (var seed = 0; seed < 3; seed++)
        {
            Assert.True(Volume(parEgo[seed]) > Volume(random[seed]), $"seed {seed}: ParEGO {Volume(parEgo[seed])} vs random {Volume(random[seed])}");
        }
        foreach (var history in parEgo)
        {
            var front = ParetoFront.BestTrials(problem, history).Select(t => t.Values[0]).ToList();
            Assert.True(front.Count >= 6, $"front of {front.Count}");
            Assert.True(front.Max() - front.Min() > 0.6, $"front spans f1 in [{front.Min()}, {front.Max()}]");
        }
    }
}
