using Snnsweep.Contracts;

namespace Snnsweep.Silo.Sweeps;

/// <summary>
/// Receives pushed sweep snapshots (a grain observer) and hands the newest to whoever waits; no polling.
/// Subscriptions expire on the grain side, so <see cref="KeepSubscribedAsync"/> renews them.
/// </summary>
public sealed class SweepWatcher : ISweepObserver
{
    private readonly object _gate = new();
    private SweepSnapshot? _latest;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void OnSweepChanged(SweepSnapshot snapshot)
    {
        lock (_gate)
        {
            if (_latest is not null && snapshot.Version <= _latest.Version) return;
            _latest = snapshot;
            _changed.TrySetResult();
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public SweepSnapshot? Latest
    {
        get { lock (_gate) return _latest; }
    }

    /// <summary>Completes at the next change (or after <paramref name="timeout"/>).</summary>
    public Task NextChangeAsync(TimeSpan timeout, CancellationToken cancellation)
    {
        Task changed;
        lock (_gate) changed = _changed.Task;
        return Task.WhenAny(changed, Task.Delay(timeout, cancellation));
    }

    /// <summary>Subscribes <paramref name="reference"/> now and again every <see cref="ClusterTimings.ObserverRenewal"/> until cancelled.</summary>
    // The defaults: this process's watcher may watch a cluster configured elsewhere, whose expiry it cannot read.
    private static readonly TimeSpan Renewal = new ClusterTimings().ObserverRenewal;

    public static async Task KeepSubscribedAsync(ISweepGrain sweep, ISweepObserver reference, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                await sweep.Subscribe(reference);
                await Task.Delay(Renewal, cancellation);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception) when (!cancellation.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None);
            }
        }
    }
}
