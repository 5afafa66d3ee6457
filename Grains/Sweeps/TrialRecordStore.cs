using Orleans.Storage;

namespace Snnsweep.Grains.Sweeps;

/// <summary>
/// A sweep's trial table stored one record per storage entry, beside the sweep's own small state: an epoch report
/// writes its trial, not the table. (As one blob, a 10,000-trial sweep rewrote megabytes per report, and Redis
/// caps a value at 512 MB.) Entries are named "sweep.trial.N" under the sweep's grain id, which every grain storage
/// keeps apart (Redis: one key each; SQLite: one row each). Each record keeps its own ETag, so an activation that is
/// no longer current cannot overwrite a record that a newer one wrote: its write fails and it reloads.
/// Records are written before the sweep state that counts them, so a crash between the two leaves at most a record
/// that nothing counts yet, never a count without its record.
/// </summary>
internal sealed class TrialRecordStore(IGrainStorage storage, GrainId sweep) : IReadOnlyList<TrialRecord>
{
    private const int ReadsInFlight = 64;
    private readonly List<GrainState<TrialRecord>> _entries = [];
    private readonly SortedSet<int> _changed = [];

    public int Count => _entries.Count;

    public TrialRecord this[int number] => _entries[number].State!;

    public IEnumerator<TrialRecord> GetEnumerator() => _entries.Select(e => e.State!).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public static string StateName(int number) => $"sweep.trial.{number}";

    /// <summary>Reads trials 0..count-1 (a few dozen reads in flight, so a large sweep reactivates in seconds).</summary>
    public async Task LoadAsync(int count)
    {
        _entries.Clear();
        _changed.Clear();
        var entries = new GrainState<TrialRecord>[count];
        using var gate = new SemaphoreSlim(ReadsInFlight);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async number =>
        {
            await gate.WaitAsync();
            try
            {
                var entry = new GrainState<TrialRecord>(new TrialRecord());
                await storage.ReadStateAsync(StateName(number), sweep, entry);
                if (!entry.RecordExists)
                    throw new InvalidDataException($"sweep {sweep.Key}: its state counts {count} trials but storage has no '{StateName(number)}'");
                entries[number] = entry;
            }
            finally
            {
                gate.Release();
            }
        }));
        _entries.AddRange(entries);
    }

    /// <summary>Takes over trials read from a sweep state of the earlier format (the whole table in one blob): all are written on the next save.</summary>
    public async Task AdoptAsync(IEnumerable<TrialRecord> records)
    {
        foreach (var record in records) await AddAsync(record);
    }

    /// <summary>
    /// Appends a new trial. Its entry is read first: a save that wrote it but failed before the sweep state counted it
    /// left one behind, and the new record replaces it (with its ETag) rather than failing on it for ever.
    /// </summary>
    public async Task AddAsync(TrialRecord record)
    {
        if (record.Number != _entries.Count) throw new InvalidOperationException($"trial {record.Number} added as number {_entries.Count}");
        var entry = new GrainState<TrialRecord>(new TrialRecord());
        await storage.ReadStateAsync(StateName(record.Number), sweep, entry);
        entry.State = record;
        _entries.Add(entry);
        _changed.Add(record.Number);
    }

    /// <summary>Marks a trial to be written on the next <see cref="WriteChangedAsync"/>.</summary>
    public void Changed(TrialRecord record) => _changed.Add(record.Number);

    public int ChangedCount => _changed.Count;

    /// <summary>Writes every changed trial. On a failure the trials not written stay marked (the caller reloads anyway).</summary>
    public async Task WriteChangedAsync()
    {
        if (_changed.Count == 0) return;
        var numbers = _changed.ToArray();
        var writes = numbers.Select(async number =>
        {
            await storage.WriteStateAsync(StateName(number), sweep, _entries[number]);
            _changed.Remove(number);
        }).ToArray();
        await Task.WhenAll(writes);
    }
}
