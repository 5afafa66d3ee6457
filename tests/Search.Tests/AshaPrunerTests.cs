using Snnsweep.Search.Pruners;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Tests;

public sealed class AshaPrunerTests
{
    private static readonly SearchProblem Minimising = new(new SearchSpace([new FloatParameter("x", 0, 1)]), Objective.Minimize("loss"));

    [Fact]
    public void Asha_promotes_and_stops_exactly_as_its_rules_say_on_synthetic_curves()
    {
        // Rungs at steps 1, 3 and 9 (reduction factor 3). Each line: trial, step, loss, expected decision.
        var pruner = new AshaPruner(MinResource: 1, ReductionFactor: 3);
        var script = new (int Trial, int Step, double Loss, bool Pruned)[]
        {
            (0, 1, 0.50, false), // rung 0 holds {0.50}: fewer than 3 values, only the best continues; it is.
            (1, 1, 0.70, true),  // {0.50, 0.70}: still fewer than 3, and 0.70 is not the best.
            (2, 1, 0.30, false), // {0.30, 0.50, 0.70}: top floor(3/3) = 1 continues; 0.30 is it.
            (3, 1, 0.40, true),  // 4 values: top 1 is 0.30.
            (4, 1, 0.35, true),  // 5 values: top 1 is 0.30.
            (5, 1, 0.10, false), // 6 values: top 2 are {0.10, 0.30}.
            (6, 1, 0.32, true),  // 7 values: top 2 are {0.10, 0.30}.
            (0, 2, 0.90, false), // step 2 is no rung: no judgement, however bad.
            (0, 3, 0.45, false), // rung 1 holds {0.45}: best so far, continues.
            (2, 3, 0.50, true),  // rung 1 {0.45, 0.50}: not the best.
            (5, 3, 0.20, false), // rung 1 {0.20, 0.45, 0.50}: top 1 is 0.20. The pruned trial's value still counts.
            (7, 4, 0.15, false), // first report at step 4 crosses rungs 0 and 1 at once: 0.15 is top at both.
            (8, 5, 0.60, true),  // crosses rung 0 with 0.60: 9 values, top 3 are {0.10, 0.15, 0.30}.
            (0, 4, 0.40, false), // trial 0 was judged at rung 1 already; step 4 is no new rung.
            (0, 9, 0.30, false), // rung 2 holds {0.30}: continues.
            (5, 9, 0.35, true),  // rung 2 {0.30, 0.35}: not the best.
        };

        var history = TrialHistory.Empty;
        foreach (var (trialId, step, loss, expected) in script)
        {
            if (!history.ContainsId(trialId))
            {
                history = history.Add(Trial.Start(trialId, Configuration.Empty.With("x", trialId / 10.0)));
            }
            var trial = history.ById(trialId);
            if (trial.State != TrialState.Running)
            {
                // A pruned trial's later reports are not made; revive it as a new trial would be wrong.
                Assert.Fail($"script reports trial {trialId} after it was pruned");
            }
            history = history.Replace(trial.Report(step, loss));
            var pruned = pruner.ShouldPrune(Minimising, history, trialId);
            Assert.True(expected == pruned, $"trial {trialId} at step {step} with {loss}: expected pruned = {expected}");
            if (pruned)
            {
                history = history.Replace(history.ById(trialId).Prune());
            }
        }
    }

    [Fact]
    public void Asha_judges_a_maximised_primary_objective_in_a_multi_objective_sweep()
    {
        // Accuracy (maximised) is primary; average timestep is the second objective and plays no part.
        var problem = new SearchProblem(Minimising.Space, [Objective.Maximize("accuracy"), Objective.Minimize("average_timestep")]);
        var pruner = new AshaPruner(MinResource: 2, ReductionFactor: 2);
        var history = TrialHistory.Empty;
        bool Report(int id, int step, double accuracy)
        {
            if (!history.ContainsId(id))
            {
                history = history.Add(Trial.Start(id, Configuration.Empty.With("x", id / 10.0)));
            }
            history = history.Replace(history.ById(id).Report(step, accuracy));
            return pruner.ShouldPrune(problem, history, id);
        }

        Assert.False(Report(0, 1, 0.2)); // below the first rung (step 2)
        Assert.False(Report(0, 2, 0.6)); // rung 0 {0.6}
        Assert.True(Report(1, 2, 0.5));  // {0.6, 0.5}: top floor(2/2) = 1 is 0.6
        Assert.False(Report(2, 2, 0.7)); // {0.5, 0.6, 0.7}: top 1 is 0.7
        Assert.False(Report(3, 2, 0.65)); // 4 values: top 2 are {0.7, 0.65}
    }

    [Fact]
    public void Asha_stops_judging_at_the_maximum_resource_and_keeps_brackets_apart()
    {
        var capped = new AshaPruner(MinResource: 1, ReductionFactor: 2, MaxResource: 4);
        Assert.Equal([1L, 2L, 4L], Enumerable.Range(0, 3).Select(r => capped.RungResource(0, r)));
        var history = TrialHistory.Empty
            .Add(Trial.Start(0, Configuration.Empty.With("x", 0.0)).Report(1, 0.1).Report(2, 0.1).Report(4, 0.1))
            .Add(Trial.Start(1, Configuration.Empty.With("x", 0.5)).Report(1, 0.05).Report(2, 0.05).Report(4, 0.9));
        // Step 4 is the maximum resource: no rung there, so trial 1 is not compared with trial 0's 0.1.
        Assert.False(capped.ShouldPrune(Minimising, history, 1));

        var bracketed = new AshaPruner(MinResource: 1, ReductionFactor: 2, Brackets: 2);
        Assert.Equal(0, bracketed.Bracket(0));
        Assert.Equal(1, bracketed.Bracket(1));
        Assert.Equal(2L, bracketed.RungResource(1, 0));
        var separate = TrialHistory.Empty
            .Add(Trial.Start(0, Configuration.Empty.With("x", 0.0)).Report(2, 0.1))
            .Add(Trial.Start(1, Configuration.Empty.With("x", 0.5)).Report(2, 0.9))
            .Add(Trial.Start(2, Configuration.Empty.With("x", 0.7)).Report(2, 0.5));
        // Trial 1 is alone in bracket 1 at its first rung (step 2); trial 2 meets trial 0 in bracket 0.
        Assert.False(bracketed.ShouldPrune(Minimising, separate, 1));
        Assert.True(bracketed.ShouldPrune(Minimising, separate, 2));
    }
}
