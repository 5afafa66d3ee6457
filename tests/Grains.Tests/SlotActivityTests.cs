using Snnsweep.Contracts;
using Snnsweep.Grains.Queue;

namespace Snnsweep.Grains.Tests;

public sealed class SlotActivityTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Utilisation_is_busy_time_over_time_since_the_slot_was_first_seen()
    {
        var activity = new SlotActivity();
        activity.Seen("silo-a/0", T0);
        var first = Lease("silo-a/0", "s/0");
        activity.Leased(first, T0.AddSeconds(10));
        activity.Ended(first, T0.AddSeconds(40));
        activity.Leased(Lease("silo-a/0", "s/1"), T0.AddSeconds(50));

        var slot = Assert.Single(activity.View(T0.AddSeconds(100)));

        Assert.Equal("silo-a/0", slot.Owner);
        Assert.Equal("silo-a", slot.Silo);
        Assert.Equal("s/1", slot.Trial);
        Assert.Equal(2, slot.TrialsRun);
        // Busy 30 s + 50 s of the 100 s since first seen.
        Assert.Equal(0.8, slot.Utilisation, 9);
    }

    [Fact]
    public void A_stale_end_does_not_idle_a_slot_that_already_runs_its_next_trial()
    {
        var activity = new SlotActivity();
        var old = Lease("silo-a/1", "s/0");
        activity.Leased(old, T0);
        activity.Leased(Lease("silo-a/1", "s/1"), T0.AddSeconds(5));

        activity.Ended(old, T0.AddSeconds(6));

        Assert.Equal("s/1", Assert.Single(activity.View(T0.AddSeconds(10))).Trial);
    }

    private static TrialLease Lease(string owner, string trial)
    {
        var parts = trial.Split('/');
        return new TrialLease(Guid.NewGuid(), new TrialTicket(parts[0], int.Parse(parts[1]), 0), owner, T0.AddMinutes(1));
    }
}
