using Snnsweep.Search.GaussianProcesses;
using Snnsweep.Search.Samplers;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Tests;

public sealed class ModelBasedSamplerTests
{
    private static readonly SearchProblem Branin = new(
        new SearchSpace([new FloatParameter("x1", -5, 10), new FloatParameter("x2", 0, 15)]),
        Objective.Minimize("branin"));

    private static double[] BraninValue(Configuration c)
    {
        var x1 = c.GetNumber("x1");
        var x2 = c.GetNumber("x2");
        var a = x2 - 5.1 / (4 * Math.PI * Math.PI) * x1 * x1 + 5 / Math.PI * x1 - 6;
        return [a * a + 10 * (1 - 1 / (8 * Math.PI)) * Math.Cos(x1) + 10];
    }

    private static double Best(TrialHistory history) => history.Completed.Min(t => t.Values[0]);

    [Fact]
    public void Gp_sampler_gets_close_to_the_branin_optimum_in_thirty_trials_where_random_search_does_not()
    {
        var gp = Enumerable.Range(0, 3).Select(seed => Best(TestProblems.RunSequential(new GpSampler(seed), Branin, 30, BraninValue))).Order().ToList();
        var random = Enumerable.Range(0, 3).Select(seed => Best(TestProblems.RunSequential(new RandomSampler(seed), Branin, 30, BraninValue))).Order().ToList();

        Assert.True(gp[1] - 0.397887 < 0.05, $"GP regret {gp[1] - 0.397887}");
        Assert.True(gp[1] < random[1], $"GP {gp[1]} vs random {random[1]}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Parallel_gp_proposals_are_pushed_apart_by_the_pending_trials(int seed)
    {
        // Right after the Sobol start-up the model is uncertain: without fantasies, the four proposals would
        // all sit at the one maximum of the acquisition function.
        var sampler = new GpSampler(seed, new GpSamplerOptions { StartupTrials = 12 });
        var history = TestProblems.RunSequential(sampler, Branin, 12, BraninValue);
        for (var i = 0; i < 4; i++)
        {
            history = history.Add(Trial.Start(history.NextId, sampler.Ask(Branin, history)));
        }

        var pending = history.Running.Select(t => new[] { (t.Parameters.GetNumber("x1") + 5) / 15, t.Parameters.GetNumber("x2") / 15 }).ToList();
        for (var i = 0; i < pending.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                var distance = Math.Sqrt(Math.Pow(pending[i][0] - pending[j][0], 2) + Math.Pow(pending[i][1] - pending[j][1], 2));
                Assert.True(distance > 0.02, $"pending {i} and {j} are {distance} apart in the unit square");
            }
        }
    }

    [Fact]
    public void A_fantasy_at_the_acquisition_maximum_removes_the_expected_improvement_there()
    {
        var random = new SeededRandom(5);
        var inputs = Enumerable.Range(0, 10).Select(_ => new[] { random.NextDouble(), random.NextDouble() }).ToArray();
        var outputs = PowerTransform.Standardise(inputs.Select(x => Math.Sin(5 * x[0]) + Math.Cos(4 * x[1])).ToArray());
        var process = new GaussianProcess(inputs, outputs, [false, false], new GpHyperparameters([0.3, 0.3], 1, 1e-6));
        var incumbent = process.MeanAtTrainingInputs().Min();
        var grid = Enumerable.Range(0, 41).SelectMany(i => Enumerable.Range(0, 41).Select(j => new[] { i / 40.0, j / 40.0 })).ToList();
        var before = new LogEiAcquisition(process, incumbent);
        var best = grid.MaxBy(x => before.Value(x))!;

        var believed = process.Condition([best], [process.Predict(best).Mean]);
        var after = new LogEiAcquisition(believed, Math.Min(incumbent, believed.MeanAtTrainingInputs().Min()));

        Assert.True(after.Value(best) < before.Value(best) - 5, $"log EI {before.Value(best)} -> {after.Value(best)}");
        Assert.NotEqual(best, grid.MaxBy(x => after.Value(x)));
    }

    [Fact]
    public void Tpe_learns_which_branch_of_a_conditional_space_is_better_and_tunes_its_child()
    {
        // Branch "a" can reach 0 (x_a = 0.8); branch "b" never goes below 0.5.
        var space = new SearchSpace(
        [
            new CategoricalParameter("branch", ["a", "b"]),
            new FloatParameter("x_a", 0, 1) { Condition = new ParameterCondition("branch", ["a"]) },
            new FloatParameter("x_b", 0, 1) { Condition = new ParameterCondition("branch", ["b"]) },
        ]);
        var problem = new SearchProblem(space, Objective.Minimize("f"));
        double[] F(Configuration c) => c.GetLabel("branch") == "a"
            ? [Math.Pow(c.GetNumber("x_a") - 0.8, 2)]
            : [0.5 + Math.Pow(c.GetNumber("x_b") - 0.2, 2)];

        var history = TestProblems.RunSequential(new TpeSampler(3), problem, 60, F);

        var late = history.Skip(40).Select(t => t.Parameters).ToList();
        Assert.True(late.Count(c => c.GetLabel("branch") == "a") >= 15, "TPE should mostly choose branch a late in the run");
        Assert.True(Best(history) < 0.002, $"best {Best(history)}");
    }

    [Fact]
    public void Gp_sampler_handles_log_integer_and_categorical_parameters_together()
    {
        var space = new SearchSpace(
        [
            new FloatParameter("lr", 1e-4, 1e-1, Log: true),
            new IntParameter("T1", 2, 12),
            new CategoricalParameter("surrogate", ["sigmoid", "atan", "triangle"]),
            new FloatParameter("w", 0, 1),
        ]);
        var problem = new SearchProblem(space, Objective.Minimize("mixed"));
        double[] Mixed(Configuration c) =>
        [
            Math.Pow(Math.Log10(c.GetNumber("lr")) + 2.5, 2) + 0.1 * Math.Pow(c.GetNumber("T1") - 6, 2)
            + c.GetLabel("surrogate") switch { "sigmoid" => 0.5, "atan" => 0.0, _ => 0.3 } + 2 * Math.Pow(c.GetNumber("w") - 0.3, 2),
        ];

        var history = TestProblems.RunSequential(new GpSampler(1), problem, 30, Mixed);

        var best = history.Completed.MinBy(t => t.Values[0])!;
        Assert.True(best.Values[0] < 0.01, $"best {best.Values[0]} at {best.Parameters}");
        Assert.Equal("atan", best.Parameters.GetLabel("surrogate"));
        Assert.Equal(6, best.Parameters.GetInt("T1"));
    }
}
