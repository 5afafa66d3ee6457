using Snnsweep.Search.Pruners;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Tests;

public sealed class MedianPrunerTests
{
    private static readonly SearchProblem Problem = new(new SearchSpace([new FloatParameter("x", 0, 1)]), Objective.Minimize("loss"));

    private static TrialHistory Completed(params double[][] curves)
    {
        var history = TrialHistory.Empty;
        for (var i = 0; i < curves.Length; i++)
        {
            var trial = Trial.Start(i, Configuration.Empty.With("x", i / 100.0));
            for (var step = 0; step < curves[i].Length; step++)
            {
                trial = trial.Report(step, curves[i][step]);
            }
            history = history.Add(trial.Complete([curves[i][^1]]));
        }
        return history;
    }

    [Fact]
    public void A_trial_whose_best_is_worse_than_the_median_at_its_step_is_stopped()
    {
        // At step 2 the completed trials stand at 0.3, 0.5, 0.6, 0.9: median 0.55.
        var history = Completed([1.0, 0.8, 0.3], [1.0, 0.7, 0.5], [0.9, 0.8, 0.6], [1.2, 1.0, 0.9]);
        var pruner = new MedianPruner(StartupTrials: 4);
        var running = Trial.Start(10, Configuration.Empty.With("x", 0.5));

        var worse = history.Add(running.Report(0, 0.9).Report(1, 0.8).Report(2, 0.7));
        var better = history.Add(running.Report(0, 0.9).Report(1, 0.8).Report(2, 0.5));
        // Its best so far (0.52 at step 1) is what counts, not the latest value.
        var earlierBest = history.Add(running.Report(0, 0.9).Report(1, 0.52).Report(2, 0.8));

        Assert.True(pruner.ShouldPrune(Problem, worse, 10));
        Assert.False(pruner.ShouldPrune(Problem, better, 10));
        Assert.False(pruner.ShouldPrune(Problem, earlierBest, 10));
    }

    [Fact]
    public void Startup_warmup_and_interval_hold_the_rule_back()
    {
        var history = Completed([0.1, 0.1, 0.1, 0.1], [0.2, 0.2, 0.2, 0.2], [0.3, 0.3, 0.3, 0.3]);
        var bad = history.Add(Trial.Start(10, Configuration.Empty.With("x", 0.5)).Report(0, 5).Report(1, 5).Report(2, 5));

        Assert.True(new MedianPruner(StartupTrials: 3).ShouldPrune(Problem, bad, 10));
        Assert.False(new MedianPruner(StartupTrials: 4).ShouldPrune(Problem, bad, 10));
        Assert.False(new MedianPruner(StartupTrials: 3, WarmupSteps: 3).ShouldPrune(Problem, bad, 10));
        Assert.False(new MedianPruner(StartupTrials: 3, IntervalSteps: 4).ShouldPrune(Problem, bad, 10));
        Assert.False(new MedianPruner(StartupTrials: 3, MinTrialsAtStep: 4).ShouldPrune(Problem, bad, 10));
    }

    [Fact]
    public void A_maximised_primary_objective_flips_the_comparison()
    {
        var maximising = new SearchProblem(Problem.Space, [Objective.Maximize("accuracy"), Objective.Minimize("average_timestep")]);
        var history = TrialHistory.Empty;
        var accuracies = new[] { 0.6, 0.7, 0.8 };
        for (var i = 0; i < 3; i++)
        {
            history = history.Add(Trial.Start(i, Configuration.Empty.With("x", i / 10.0)).Report(0, accuracies[i]).Complete([accuracies[i], 4]));
        }
        var pruner = new MedianPruner(StartupTrials: 3);

        var low = history.Add(Trial.Start(5, Configuration.Empty.With("x", 0.9)).Report(0, 0.65));
        var high = history.Add(Trial.Start(5, Configuration.Empty.With("x", 0.9)).Report(0, 0.75));

        Assert.True(pruner.ShouldPrune(maximising, low, 5));
        Assert.False(pruner.ShouldPrune(maximising, high, 5));
    }
}
