using AngleSharp.Dom;
using Bunit;
using Snnsweep.Dashboard.Components.Shared;
using Snnsweep.Contracts;
using static Snnsweep.Dashboard.Tests.Components.Snapshots;

namespace Snnsweep.Dashboard.Tests.Components;

public sealed class LeaderboardTests : MudComponentTest
{
    private static readonly TrialSummary[] Trials =
    [
        Trial(0, TrialStatus.Completed, 0.61, lr: "0.01"),
        Trial(1, TrialStatus.Completed, 0.83, lr: "0.0005"),
        Trial(2, TrialStatus.Failed, lr: "0.09", error: "NaN loss"),
        Trial(3, TrialStatus.Completed, 0.72, lr: "0.002"),
    ];

    [Fact]
    public void Rows_come_in_the_order_given_with_the_best_trial_starred_and_linked()
    {
        var cut = Render<Leaderboard>(p => p.Add(l => l.SweepId, "s1").Add(l => l.Trials, Trials).Add(l => l.Best, 1));

        Assert.Equal(["#0", "#1", "#2", "#3"], TrialColumn(cut));
        Assert.Equal("/sweeps/s1/trials/3", cut.Find("[data-testid=trial-link-3]").GetAttribute("href"));
        Assert.Single(cut.FindAll("tbody tr.mud-table-row")[1].QuerySelectorAll(".mud-icon-root"));
    }

    [Fact]
    public void Sorting_by_a_metric_column_orders_trials_by_that_metric()
    {
        var cut = Render<Leaderboard>(p => p.Add(l => l.SweepId, "s1").Add(l => l.Trials, Trials));

        ClickSort(cut, "valAccuracy");
        // Ascending; a trial without the metric (NaN) sorts first.
        Assert.Equal(["#2", "#0", "#3", "#1"], TrialColumn(cut));
        ClickSort(cut, "valAccuracy");
        Assert.Equal(["#1", "#3", "#0", "#2"], TrialColumn(cut));
    }

    [Fact]
    public void Sorting_by_a_parameter_compares_numbers_as_numbers()
    {
        var cut = Render<Leaderboard>(p => p.Add(l => l.SweepId, "s1").Add(l => l.Trials, Trials));

        ClickSort(cut, "lr");

        // As text "0.0005" < "0.002" < "0.01" < "0.09" happens to agree; 5E-4 would not: check numeric keys directly too.
        Assert.Equal(["#1", "#3", "#0", "#2"], TrialColumn(cut));
        Assert.True(Leaderboard.SortKey("5E-4").CompareTo(Leaderboard.SortKey("0.002")) < 0);
        Assert.True(Leaderboard.SortKey("0.002").CompareTo(Leaderboard.SortKey("tet")) < 0);
    }

    [Fact]
    public void The_filter_keeps_matching_trials_only()
    {
        var cut = Render<Leaderboard>(p => p.Add(l => l.SweepId, "s1").Add(l => l.Trials, Trials));

        cut.Find("input[data-testid=leaderboard-filter]").Input("failed");

        cut.WaitForAssertion(() => Assert.Equal(["#2"], TrialColumn(cut)));
    }

    private static List<string> TrialColumn(IRenderedComponent<Leaderboard> cut) =>
        cut.FindAll("tbody tr.mud-table-row").Select(r => r.QuerySelector("td a")!.TextContent.Trim()).ToList();

    private static void ClickSort(IRenderedComponent<Leaderboard> cut, string title)
    {
        cut.FindAll("th .sortable-column-header").First(h => h.TextContent.Trim() == title).Click();
    }
}
