using Snnsweep.Dashboard.Services;
using Snnsweep.Dashboard.Tests.Components;
using Snnsweep.Contracts;
using static Snnsweep.Dashboard.Tests.Components.Snapshots;

namespace Snnsweep.Dashboard.Tests.Services;

public sealed class SweepChartsTests
{
    [Fact]
    public void History_follows_completion_order_and_keeps_the_best_so_far()
    {
        var snapshot = Sweep("s", SweepStatus.Running,
        [
            Trial(0, TrialStatus.Completed, 0.6, endedMinute: 3),
            Trial(1, TrialStatus.Completed, 0.8, endedMinute: 1),
            Trial(2, TrialStatus.Completed, 0.7, endedMinute: 2),
            Trial(3, TrialStatus.Pruned, 0.9, endedMinute: 4),
            Trial(4, TrialStatus.Running),
        ]);

        var history = SweepCharts.History(snapshot);

        Assert.Equal([1, 2, 0], history.Select(p => p.Trial));
        Assert.Equal([0.8, 0.7, 0.6], history.Select(p => p.Value));
        Assert.Equal([0.8, 0.8, 0.8], history.Select(p => p.BestSoFar));
    }

    [Fact]
    public void Learning_curves_put_running_trials_first_and_are_capped()
    {
        var trials = Enumerable.Range(0, 10).Select(i => Trial(i, TrialStatus.Completed, 0.5, endedMinute: i)).Append(Trial(10, TrialStatus.Running, epochs: 3)).ToArray();

        var curves = SweepCharts.LearningCurves(Sweep("s", SweepStatus.Running, trials), max: 4);

        Assert.Equal([7, 8, 9, 10], curves.Select(c => c.Trial));
        var running = Assert.Single(curves, c => c.Running);
        Assert.Equal(3, running.Values.Length);
    }

    [Fact]
    public void Parallel_coordinates_map_categorical_choices_to_their_index_and_end_with_the_objective()
    {
        var snapshot = Sweep("s", SweepStatus.Running,
        [
            Trial(0, TrialStatus.Completed, 0.6, lr: "0.01", loss: "tet"),
            Trial(1, TrialStatus.Completed, 0.8, lr: "0.001", loss: "crossentropy"),
            Trial(2, TrialStatus.Running),
        ]);

        var axes = SweepCharts.ParallelCoordinates(snapshot);

        Assert.Equal(["lr", "loss", "valAccuracy"], axes.Select(a => a.Label));
        Assert.True(axes[0].Log);
        Assert.Equal([0.01, 0.001], axes[0].Values);
        Assert.Equal(["crossentropy", "tet"], axes[1].TickText!);
        Assert.Equal([1.0, 0.0], axes[1].Values);
        Assert.Equal([0.6, 0.8], axes[2].Values);
    }

    [Fact]
    public void Pareto_points_carry_both_metrics_and_the_sweeps_front()
    {
        var snapshot = Sweep("s", SweepStatus.Running,
        [
            Trial(0, TrialStatus.Completed, 0.8, avgTimestep: 8),
            Trial(1, TrialStatus.Completed, 0.7, avgTimestep: 4),
            Trial(2, TrialStatus.Completed, 0.6, avgTimestep: 6),
            Trial(3, TrialStatus.Completed, 0.9),
        ], front: [0, 1], twoObjectives: true);

        var points = SweepCharts.Pareto(snapshot);

        Assert.Equal([0, 1, 2], points.Select(p => p.Trial));
        Assert.Equal([true, true, false], points.Select(p => p.OnFront));
        Assert.Equal(4, points[1].AvgTimestep);
        Assert.Equal(0.7, points[1].Accuracy);
    }

    [Fact]
    public void Importance_credits_the_parameter_that_separates_the_results()
    {
        var trials = Enumerable.Range(0, 8)
            .Select(i => Trial(i, TrialStatus.Completed, i % 2 == 0 ? 0.9 : 0.4, lr: "0.001", loss: i % 2 == 0 ? "tet" : "crossentropy"))
            .ToArray();

        var importance = SweepCharts.Importance(Sweep("s", SweepStatus.Completed, trials));

        Assert.Equal("loss", importance[0].Parameter);
        Assert.Equal(1.0, importance[0].Importance, 6);
    }
}
