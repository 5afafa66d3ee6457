using Microsoft.Extensions.Logging.Abstractions;
using Snnsweep.Dashboard.Services;
using Snnsweep.Contracts;
using static Snnsweep.Dashboard.Tests.Components.Snapshots;

namespace Snnsweep.Dashboard.Tests.Services;

public sealed class SweepFeedTests
{
    [Fact]
    public void Reads_of_sweep_ids_that_do_not_exist_leave_nothing_in_the_feed()
    {
        var feed = new SweepFeed(null!, NullLogger<SweepFeed>.Instance);

        for (var i = 0; i < 1000; i++)
            feed.Publish(new SweepSnapshot($"random-{i}", null, SweepStatus.Running, [], null, [], DateTime.UnixEpoch, 0));
        feed.Publish(Sweep("real", SweepStatus.Running, [Trial(0, TrialStatus.Running)], version: 1));

        Assert.Equal("real", Assert.Single(feed.Snapshots).Id);
        Assert.Null(feed.Latest("random-1"));
    }
}
