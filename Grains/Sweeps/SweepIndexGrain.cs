using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;
using Snnsweep.Contracts;

namespace Snnsweep.Grains.Sweeps;

/// <summary>The list of sweep ids, persisted (see <see cref="ISweepIndexGrain"/>).</summary>
[GrainType("sweep-index")]
public sealed class SweepIndexGrain(
    [PersistentState("index", SnnsweepStorage.Name)] IPersistentState<List<string>> state,
    IOptions<ClusterTimings> timings,
    IHostApplicationLifetime lifetime,
    ILogger<SweepIndexGrain> logger) : Grain, ISweepIndexGrain
{
    private readonly ObserverManager<ISweepIndexObserver> _observers = new(timings.Value.ObserverExpiry, logger);

    public async Task Register(string sweepId)
    {
        if (state.State.Contains(sweepId)) return;
        state.State.Add(sweepId);
        await state.WriteStateAsync();
        // Not from a stopping silo (see SweepGrain.SendSnapshot): watchers list the sweeps again when they subscribe.
        if (!lifetime.ApplicationStopping.IsCancellationRequested) _observers.Notify(o => o.OnSweepAdded(sweepId));
    }

    public Task<string[]> List() => Task.FromResult(state.State.ToArray());

    public Task Subscribe(ISweepIndexObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(ISweepIndexObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }
}
