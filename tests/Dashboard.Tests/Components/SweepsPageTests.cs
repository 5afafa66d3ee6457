using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Snnsweep.Dashboard.Components.Pages;
using Snnsweep.Dashboard.Services;
using Snnsweep.Contracts;
using static Snnsweep.Dashboard.Tests.Components.Snapshots;

namespace Snnsweep.Dashboard.Tests.Components;

public sealed class SweepsPageTests : MudComponentTest
{
    // Not started: the tests publish snapshots as the grain observer callbacks would.
    private readonly SweepFeed _feed = new(null!, NullLogger<SweepFeed>.Instance);

    public SweepsPageTests()
    {
        Services.AddSingleton(_feed);
        Services.AddSingleton(TimeProvider.System);
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void A_pushed_snapshot_appears_and_updates_without_a_reload()
    {
        var cut = Render<Sweeps>();
        Assert.Empty(cut.FindAll("tbody tr.mud-table-row"));

        _feed.Publish(Sweep("live", SweepStatus.Running, [Trial(0, TrialStatus.Running)], version: 1));
        cut.WaitForAssertion(() => Assert.Contains("0 / 10 done, 1 running", cut.Find("tbody tr.mud-table-row").TextContent));

        _feed.Publish(Sweep("live", SweepStatus.Running, [Trial(0, TrialStatus.Completed, 0.77)], best: 0, version: 2));
        cut.WaitForAssertion(() => Assert.Contains("1 / 10 done", cut.Find("tbody tr.mud-table-row").TextContent));
        Assert.Contains("0.77", cut.Find("tbody tr.mud-table-row").TextContent);
    }

    [Fact]
    public void The_feed_drops_snapshots_older_than_the_one_it_holds()
    {
        _feed.Publish(Sweep("s", SweepStatus.Running, [Trial(0, TrialStatus.Completed, 0.7)], version: 5));
        _feed.Publish(Sweep("s", SweepStatus.Running, [], version: 4));

        Assert.Single(_feed.Latest("s")!.Trials);
    }
}
