using Snnsweep.Search.Samplers;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Tests;

/// <summary>Spaces and objectives shaped like the SNN sweeps the library serves.</summary>
internal static class TestProblems
{
    /// <summary>
    /// Log floats, plain and stepped and log ints, categoricals, a stage count that switches T3 on, an
    /// RBF bandwidth that exists only for the RBF kernel, T1 >= T2 >= T3 and a linear budget T1 + T2 &lt;= 20.
    /// </summary>
    public static SearchSpace SnnSpace() => new(
        [
            new FloatParameter("lr", 1e-4, 3e-3, Log: true),
            new FloatParameter("lambda_tet", 0, 0.05),
            new IntParameter("n_stages", 2, 3),
            new IntParameter("T1", 1, 12),
            new IntParameter("T2", 1, 12),
            new IntParameter("T3", 1, 12) { Condition = new ParameterCondition("n_stages", [3]) },
            new CategoricalParameter("surrogate", ["sigmoid", "atan", "triangle"]),
            new CategoricalParameter("cka_kernel", ["linear", "rbf"]),
            new FloatParameter("rbf_scale", 0.25, 4, Log: true) { Condition = new ParameterCondition("cka_kernel", ["rbf"]) },
            new IntParameter("width", 64, 512, Log: true),
            new IntParameter("bottleneck", 64, 512, Step: 64),
        ],
        [
            new OrderingConstraint(["T1", "T2", "T3"]),
            new LinearConstraint(new Dictionary<string, double> { ["T1"] = 1, ["T2"] = 1 }, 20),
        ]);

    public static double SnnLoss(Configuration c)
    {
        var loss = Math.Pow(Math.Log10(c.GetNumber("lr")) + 3, 2)
            + 20 * Math.Abs(c.GetNumber("lambda_tet") - 0.01)
            + 0.02 * Math.Pow(c.GetNumber("T1") - 8, 2)
            + 0.02 * Math.Pow(c.GetNumber("T2") - 5, 2)
            + (c.GetLabel("surrogate") == "atan" ? 0 : 0.3)
            + 0.1 * Math.Abs(Math.Log2(c.GetNumber("width") / 256.0))
            + 0.001 * Math.Abs(c.GetNumber("bottleneck") - 256) / 64;
        if (c.TryGetValue("T3", out var t3))
        {
            loss += 0.02 * Math.Pow(t3.Number - 2, 2) - 0.1;
        }
        if (c.TryGetValue("rbf_scale", out var scale))
        {
            loss += 0.2 * Math.Pow(Math.Log2(scale.Number), 2) - 0.05;
        }
        return loss;
    }

    public static SearchProblem SnnProblem() => new(SnnSpace(), Objective.Minimize("loss"));

    /// <summary>Two objectives: the loss and the average timestep, both minimised.</summary>
    public static SearchProblem SnnTwoObjectiveProblem() =>
        new(SnnSpace(), [Objective.Minimize("loss"), Objective.Minimize("average_timestep")]);

    public static double[] SnnObjectives(SearchProblem problem, Configuration c)
    {
        var stages = c.ContainsKey("T3") ? new[] { c.GetNumber("T1"), c.GetNumber("T2"), c.GetNumber("T3") } : [c.GetNumber("T1"), c.GetNumber("T2")];
        var loss = SnnLoss(c);
        return problem.IsMultiObjective ? [loss, stages.Average()] : [loss];
    }

    /// <summary>Every sampler of the library, with short start-ups so the model-based parts run in small tests.</summary>
    public static IEnumerable<(string Name, Func<long, ISampler> Create)> Samplers()
    {
        yield return ("random", seed => new RandomSampler(seed));
        yield return ("sobol", seed => new SobolSampler(seed));
        yield return ("tpe", seed => new TpeSampler(seed, new TpeSamplerOptions { StartupTrials = 6 }));
        yield return ("gp", seed => new GpSampler(seed, FastGp));
        yield return ("parego", seed => new ParEgoSampler(seed, FastGp));
    }

    public static ISampler Create(string name, long seed) => Samplers().Single(s => s.Name == name).Create(seed);

    public static GpSamplerOptions FastGp { get; } = new() { StartupTrials = 6, RandomCandidates = 256, LocalCandidates = 64 };

    /// <summary>Runs a sweep one trial at a time and returns its history.</summary>
    public static TrialHistory RunSequential(ISampler sampler, SearchProblem problem, int trials, Func<Configuration, double[]> objectives, TrialHistory? start = null)
    {
        var history = start ?? TrialHistory.Empty;
        for (var i = 0; i < trials; i++)
        {
            var trial = Trial.Start(history.NextId, sampler.Ask(problem, history));
            history = history.Add(trial).Replace(trial.Complete(objectives(trial.Parameters)));
        }
        return history;
    }
}
