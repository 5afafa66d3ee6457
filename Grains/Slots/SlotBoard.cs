using System.Collections.Concurrent;

namespace Snnsweep.Grains.Slots;

/// <summary>
/// A silo-local rendezvous between slot workers and the trial grains they start: the worker registers the
/// trial before starting it and awaits the returned task; the trial grain, activated on the same silo,
/// completes it when its attempt ends. This keeps a slot busy exactly as long as its trial runs.
/// </summary>
public sealed class SlotBoard
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<SlotRelease>> _running = new();

    /// <summary>
    /// Marks <paramref name="trialKey"/> as running on a slot; the task completes when it ends, with how the slot
    /// settles its lease.
    /// </summary>
    public Task<SlotRelease> Register(string trialKey) =>
        _running.GetOrAdd(trialKey, _ => new TaskCompletionSource<SlotRelease>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>
    /// Frees the slot that runs <paramref name="trialKey"/> (no-op if none does), telling it how to settle the lease
    /// (<see cref="SlotRelease"/>: the failure is that of an attempt the slot may be to blame for, not a deterministic divergence).
    /// </summary>
    public void Finish(string trialKey, SlotRelease release = default)
    {
        if (_running.TryRemove(trialKey, out var completion)) completion.TrySetResult(release);
    }

    /// <summary>Trials running on this silo's slots.</summary>
    public IReadOnlyCollection<string> Running => _running.Keys.ToArray();

    /// <summary>Completes when every trial running now has ended.</summary>
    public Task WhenAllFinished() => Task.WhenAll(_running.Values.Select(c => c.Task).ToArray());
}
