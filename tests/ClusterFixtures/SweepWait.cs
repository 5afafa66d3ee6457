using Snnsweep.Contracts;

namespace Snnsweep.Tests.ClusterFixtures;

/// <summary>Polls a sweep until a condition holds, riding out a cluster that reorganises after a silo left.</summary>
public static class SweepWait
{
    /// <param name="diagnostics">What to add to the timeout's message (the silos' last output lines, say).</param>
    public static async Task<SweepSnapshot> UntilAsync(ISweepGrain sweep, Func<SweepSnapshot, bool> condition, string what, Func<string> diagnostics, double minutes = 4)
    {
        var deadline = DateTime.UtcNow.AddMinutes(minutes);
        SweepSnapshot? snapshot = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                snapshot = await sweep.GetSnapshot();
                if (condition(snapshot)) return snapshot;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                // The cluster is reorganising after a silo left; ask again.
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"waited {minutes} min for {what}: " +
            string.Join("; ", snapshot?.Trials.Select(t => $"{t.Number}:{t.Status}/a{t.Attempt}/e{t.EpochsDone}/{t.Owner}") ?? []) + "\n" + diagnostics());
    }
}
