using Bunit;
using MudBlazor;
using Snnsweep.Dashboard.Components.Shared;
using Snnsweep.Dashboard.Services;
using Snnsweep.Contracts;
using static Snnsweep.Dashboard.Tests.Components.Snapshots;

namespace Snnsweep.Dashboard.Tests.Components;

public sealed class ChartComponentTests : MudComponentTest
{
    [Fact]
    public void The_history_chart_plots_each_accuracy_in_percent_and_the_best_so_far_labelled_by_trial()
    {
        var points = SweepCharts.History(Sweep("s", SweepStatus.Running,
            [Trial(0, TrialStatus.Completed, 0.5, endedMinute: 1), Trial(1, TrialStatus.Completed, 0.7, endedMinute: 2), Trial(2, TrialStatus.Completed, 0.6, endedMinute: 3)]));

        var chart = Render<HistoryChart>(p => p.Add(c => c.Points, points).Add(c => c.Objective, "valAccuracy")).FindComponent<MudChart<double>>().Instance;

        Assert.Equal(["#0", "#1", "#2"], chart.ChartLabels);
        Assert.Equal(["valAccuracy", "best so far"], chart.ChartSeries!.Select(s => s.Name));
        // Accuracies in percent (MudChart ticks are whole-number steps).
        Assert.Equal([50.0, 70.0, 60.0], chart.ChartSeries![0].Data.Values);
        Assert.Equal([50.0, 70.0, 70.0], chart.ChartSeries![1].Data.Values);
    }

    [Fact]
    public void The_curves_chart_marks_running_trials_and_labels_epochs()
    {
        var curves = SweepCharts.LearningCurves(Sweep("s", SweepStatus.Running, [Trial(0, TrialStatus.Completed, 0.8, epochs: 4), Trial(1, TrialStatus.Running, epochs: 2)]));

        var chart = Render<CurvesChart>(p => p.Add(c => c.Curves, curves)).FindComponent<MudChart<double>>().Instance;

        Assert.Equal(["1", "2", "3", "4"], chart.ChartLabels);
        Assert.Equal(["#0", "#1 (running)"], chart.ChartSeries!.Select(s => s.Name));
        Assert.Equal(2, chart.ChartSeries![1].Data.Values.Count);
    }

    [Fact]
    public void Charts_without_data_say_what_they_are_waiting_for()
    {
        Assert.Contains("No completed trial yet", Render<HistoryChart>(p => p.Add(c => c.Points, [])).Markup);
        Assert.Contains("Needs at least three completed trials", Render<ImportanceChart>(p => p.Add(c => c.Importance, [])).Markup);
    }
}
