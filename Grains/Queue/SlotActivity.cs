using Snnsweep.Contracts;

namespace Snnsweep.Grains.Queue;

/// <summary>
/// What each slot has been doing, as seen from the queue's lease traffic (in memory: a cluster page, not a
/// ledger; it restarts with the queue's activation). Busy time runs from a lease to its completion, release
/// or expiry.
/// </summary>
public sealed class SlotActivity
{
    private readonly Dictionary<string, Entry> _slots = [];

    public void Seen(string owner, DateTime now) => Get(owner, now).LastSeen = now;

    public void Leased(TrialLease lease, DateTime now)
    {
        var entry = Get(lease.Owner, now);
        EndBusy(entry, now);
        entry.Trial = lease.Ticket.TrialKey;
        entry.Attempt = lease.Ticket.Attempt;
        entry.BusySince = now;
        entry.TrialsRun++;
        entry.LastSeen = now;
    }

    /// <summary>The lease ended (completed, released or expired): its slot is idle unless it already leased again.</summary>
    public void Ended(TrialLease lease, DateTime now)
    {
        if (!_slots.TryGetValue(lease.Owner, out var entry) || entry.Trial != lease.Ticket.TrialKey || entry.Attempt != lease.Ticket.Attempt) return;
        EndBusy(entry, now);
        entry.LastSeen = now;
    }

    public SlotView[] View(DateTime now) => _slots
        .OrderBy(kv => kv.Key, StringComparer.Ordinal)
        .Select(kv =>
        {
            var e = kv.Value;
            var busy = e.BusySeconds + (e.BusySince is { } since ? (now - since).TotalSeconds : 0);
            var total = (now - e.FirstSeen).TotalSeconds;
            return new SlotView(kv.Key, e.Trial, e.Attempt, e.BusySince, e.FirstSeen, e.LastSeen, total > 0 ? Math.Clamp(busy / total, 0, 1) : 0, e.TrialsRun);
        })
        .ToArray();

    private Entry Get(string owner, DateTime now)
    {
        if (!_slots.TryGetValue(owner, out var entry)) _slots[owner] = entry = new Entry { FirstSeen = now, LastSeen = now };
        return entry;
    }

    private static void EndBusy(Entry entry, DateTime now)
    {
        if (entry.BusySince is { } since) entry.BusySeconds += (now - since).TotalSeconds;
        entry.BusySince = null;
        entry.Trial = null;
        entry.Attempt = 0;
    }

    private sealed class Entry
    {
        public DateTime FirstSeen;
        public DateTime LastSeen;
        public DateTime? BusySince;
        public double BusySeconds;
        public string? Trial;
        public int Attempt;
        public int TrialsRun;
    }
}
