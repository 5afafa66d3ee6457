using Snnsweep.Search.Samplers;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Tests;

public sealed class SamplerContractTests
{
    public static TheoryData<string> SamplerNames() => [.. TestProblems.Samplers().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(SamplerNames))]
    public void Samples_respect_bounds_steps_conditions_and_constraints(string samplerName)
    {
        var problem = samplerName == "parego" ? TestProblems.SnnTwoObjectiveProblem() : TestProblems.SnnProblem();
        var history = TestProblems.RunSequential(TestProblems.Create(samplerName, 5), problem, 30, c => TestProblems.SnnObjectives(problem, c));

        Assert.Equal(30, history.Count);
        foreach (var c in history.Select(t => t.Parameters))
        {
            AssertIsSnnConfiguration(c);
        }
    }

    [Theory]
    [MemberData(nameof(SamplerNames))]
    public void Each_sampler_is_deterministic_for_a_seed(string samplerName)
    {
        var problem = samplerName == "parego" ? TestProblems.SnnTwoObjectiveProblem() : TestProblems.SnnProblem();
        double[] Objectives(Configuration c) => TestProblems.SnnObjectives(problem, c);

        var first = TestProblems.RunSequential(TestProblems.Create(samplerName, 11), problem, 16, Objectives);
        var second = TestProblems.RunSequential(TestProblems.Create(samplerName, 11), problem, 16, Objectives);
        var otherSeed = TestProblems.RunSequential(TestProblems.Create(samplerName, 12), problem, 16, Objectives);

        Assert.Equal(first.Select(t => t.Parameters), second.Select(t => t.Parameters));
        Assert.NotEqual(first.Select(t => t.Parameters), otherSeed.Select(t => t.Parameters));
    }

    [Theory]
    [MemberData(nameof(SamplerNames))]
    public void A_sampler_rebuilt_from_the_trials_alone_proposes_what_the_running_one_would(string samplerName)
    {
        var problem = samplerName == "parego" ? TestProblems.SnnTwoObjectiveProblem() : TestProblems.SnnProblem();
        var running = TestProblems.Create(samplerName, 3);
        var history = TestProblems.RunSequential(running, problem, 14, c => TestProblems.SnnObjectives(problem, c));
        history = history.Add(Trial.Start(history.NextId, running.Ask(problem, history)));

        // What a restarted sweep has: its trials, rebuilt into a new history (the sweep grain rebuilds them from its records).
        var restored = new TrialHistory(history.ToList());

        Assert.Equal(running.Ask(problem, history), TestProblems.Create(samplerName, 3).Ask(problem, restored));
    }

    [Theory]
    [MemberData(nameof(SamplerNames))]
    public void No_two_pending_suggestions_are_identical_even_in_a_tiny_discrete_space(string samplerName)
    {
        // 3 x 2 = 6 configurations: a sampler that ignored pending trials would repeat itself quickly.
        var space = new SearchSpace([new IntParameter("a", 0, 2), new CategoricalParameter("b", ["x", "y"])]);
        var problem = samplerName == "parego"
            ? new SearchProblem(space, [Objective.Minimize("f"), Objective.Minimize("g")])
            : new SearchProblem(space, Objective.Minimize("f"));
        var sampler = TestProblems.Create(samplerName, 1);
        var history = TrialHistory.Empty;
        for (var i = 0; i < 6; i++)
        {
            history = history.Add(Trial.Start(i, sampler.Ask(problem, history)));
        }

        Assert.Equal(6, history.Select(t => t.Parameters).Distinct().Count());
        Assert.Throws<InvalidOperationException>(() => sampler.Ask(problem, history));
    }

    [Theory]
    [MemberData(nameof(SamplerNames))]
    public void Pending_suggestions_after_a_model_is_fitted_are_distinct_and_valid(string samplerName)
    {
        var problem = samplerName == "parego" ? TestProblems.SnnTwoObjectiveProblem() : TestProblems.SnnProblem();
        var sampler = TestProblems.Create(samplerName, 8);
        var history = TestProblems.RunSequential(sampler, problem, 12, c => TestProblems.SnnObjectives(problem, c));
        for (var i = 0; i < 8; i++)
        {
            history = history.Add(Trial.Start(history.NextId, sampler.Ask(problem, history)));
        }

        var pending = history.Running.Select(t => t.Parameters).ToList();
        Assert.Equal(8, pending.Count);
        Assert.Equal(8, pending.Distinct().Count());
        Assert.All(pending, AssertIsSnnConfiguration);
    }

    /// <summary>Checks a configuration of <see cref="TestProblems.SnnSpace"/> by hand, without the space's own validator.</summary>
    private static void AssertIsSnnConfiguration(Configuration c)
    {
        var lr = c.GetNumber("lr");
        Assert.InRange(lr, 1e-4, 3e-3);
        Assert.InRange(c.GetNumber("lambda_tet"), 0, 0.05);
        foreach (var name in new[] { "n_stages", "T1", "T2", "width", "bottleneck" })
        {
            Assert.Equal(Math.Floor(c.GetNumber(name)), c.GetNumber(name));
        }
        Assert.InRange(c.GetNumber("n_stages"), 2, 3);
        Assert.InRange(c.GetNumber("T1"), 1, 12);
        Assert.InRange(c.GetNumber("T2"), 1, 12);
        Assert.InRange(c.GetNumber("width"), 64, 512);
        Assert.InRange(c.GetNumber("bottleneck"), 64, 512);
        Assert.Equal(0, (c.GetNumber("bottleneck") - 64) % 64);
        Assert.Contains(c.GetLabel("surrogate"), new[] { "sigmoid", "atan", "triangle" });
        Assert.Contains(c.GetLabel("cka_kernel"), new[] { "linear", "rbf" });

        var threeStages = c.GetNumber("n_stages") == 3;
        Assert.Equal(threeStages, c.ContainsKey("T3"));
        Assert.Equal(c.GetLabel("cka_kernel") == "rbf", c.ContainsKey("rbf_scale"));
        Assert.True(c.GetNumber("T1") >= c.GetNumber("T2"), $"T1 >= T2 broken by {c}");
        Assert.True(c.GetNumber("T1") + c.GetNumber("T2") <= 20, $"T1 + T2 <= 20 broken by {c}");
        if (threeStages)
        {
            var t3 = c.GetNumber("T3");
            Assert.Equal(Math.Floor(t3), t3);
            Assert.InRange(t3, 1, 12);
            Assert.True(c.GetNumber("T2") >= t3, $"T2 >= T3 broken by {c}");
        }
        if (c.TryGetValue("rbf_scale", out var scale))
        {
            Assert.InRange(scale.Number, 0.25, 4);
        }
        Assert.Equal(9 + (threeStages ? 1 : 0) + (c.ContainsKey("rbf_scale") ? 1 : 0), c.Count);
    }

    [Fact]
    public void A_gp_sampler_shared_between_threads_proposes_what_it_would_alone()
    {
        var problem = TestProblems.SnnProblem();
        var histories = Enumerable.Range(0, 6)
            .Select(seed => TestProblems.RunSequential(new RandomSampler(seed), problem, 14 + seed, c => TestProblems.SnnObjectives(problem, c)))
            .ToList();
        var alone = histories.Select(h => new GpSampler(9, TestProblems.FastGp).Ask(problem, h)).ToList();

        var shared = new GpSampler(9, TestProblems.FastGp);
        var together = new Configuration[histories.Count];
        Parallel.For(0, histories.Count * 3, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => together[i % histories.Count] = shared.Ask(problem, histories[i % histories.Count]));

        Assert.Equal(alone, together);
    }
}
