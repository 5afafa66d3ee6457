using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Snnsweep.Contracts;

namespace Snnsweep.Dashboard.Services;

/// <summary>
/// One subscription per dashboard process to the sweep index and to every sweep, fanned out to circuits
/// through <see cref="SweepChanged"/> (the Orleans ShoppingCart / eShop pattern): grains push, nobody polls.
/// Subscriptions expire on the grain side after five minutes, so they are renewed every minute.
/// </summary>
public sealed class SweepFeed(IGrainFactory grains, ILogger<SweepFeed> logger, IOptions<ClusterTimings>? timings = null) : BackgroundService, ISweepObserver, ISweepIndexObserver
{
    private readonly TimeSpan _renewal = (timings?.Value ?? new ClusterTimings()).ObserverRenewal;
    private readonly ConcurrentDictionary<string, SweepSnapshot> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _tracked = new(StringComparer.Ordinal);
    private ISweepObserver? _sweepReference;
    private ISweepIndexObserver? _indexReference;

    /// <summary>Raised on a pool thread with each newer snapshot; handlers marshal to their circuit.</summary>
    public event Action<SweepSnapshot>? SweepChanged;

    /// <summary>The newest snapshot of every known sweep.</summary>
    public IReadOnlyCollection<SweepSnapshot> Snapshots => _latest.Values.ToArray();

    public SweepSnapshot? Latest(string sweepId) => _latest.GetValueOrDefault(sweepId);

    /// <summary>Follows <paramref name="sweepId"/> (if not yet) and returns its newest snapshot.</summary>
    public async Task<SweepSnapshot> FollowAsync(string sweepId)
    {
        await TrackAsync(sweepId);
        return _latest.GetValueOrDefault(sweepId) ?? await grains.GetGrain<ISweepGrain>(sweepId).GetSnapshot();
    }

    public void OnSweepChanged(SweepSnapshot snapshot) => Publish(snapshot);

    public void OnSweepAdded(string sweepId) => _ = Task.Run(() => TrackAsync(sweepId));

    /// <summary>Keeps the newest version and tells subscribers; older or repeated snapshots are dropped.</summary>
    /// <remarks>A snapshot without a spec is a sweep that does not exist (anyone may ask for any id): it is never kept.</remarks>
    internal void Publish(SweepSnapshot snapshot)
    {
        if (snapshot.Spec is null) return;
        var stored = _latest.AddOrUpdate(snapshot.Id, snapshot, (_, current) => snapshot.Version > current.Version ? snapshot : current);
        if (!ReferenceEquals(stored, snapshot)) return;
        foreach (var handler in SweepChanged?.GetInvocationList() ?? [])
        {
            try
            {
                ((Action<SweepSnapshot>)handler)(snapshot);
            }
            catch (Exception e)
            {
                // One broken circuit must not starve the others.
                logger.LogDebug(e, "A sweep subscriber threw");
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _sweepReference = grains.CreateObjectReference<ISweepObserver>(this);
        _indexReference = grains.CreateObjectReference<ISweepIndexObserver>(this);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var index = grains.SweepIndex();
                    await index.Subscribe(_indexReference);
                    foreach (var id in await index.List()) await TrackAsync(id, renew: true);
                    await Task.Delay(_renewal, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The cluster is starting or a silo went away: try again soon.
                    logger.LogDebug(e, "Sweep feed: subscription failed; retrying");
                    await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            grains.DeleteObjectReference<ISweepObserver>(_sweepReference);
            grains.DeleteObjectReference<ISweepIndexObserver>(_indexReference);
        }
    }

    private async Task TrackAsync(string sweepId, bool renew = false)
    {
        if (_sweepReference is null) return;
        var first = _tracked.TryAdd(sweepId, 0);
        if (!first && !renew) return;
        try
        {
            var sweep = grains.GetGrain<ISweepGrain>(sweepId);
            if (first)
            {
                // Only sweeps that exist are followed: reads of random ids must not grow the feed.
                var snapshot = await sweep.GetSnapshot();
                if (snapshot.Spec is null)
                {
                    _tracked.TryRemove(sweepId, out _);
                    return;
                }
                await sweep.Subscribe(_sweepReference);
                Publish(snapshot);
                return;
            }
            await sweep.Subscribe(_sweepReference);
        }
        catch (Exception e)
        {
            if (first) _tracked.TryRemove(sweepId, out _);
            logger.LogDebug(e, "Sweep feed: could not follow sweep {Sweep}", sweepId);
        }
    }
}
