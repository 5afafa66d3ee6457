using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Snnsweep.Grains.Tests;

/// <summary>
/// The test cluster's grain storage: memory storage that fails a write on demand, as a Redis blip or a stale ETag
/// would. A rule is keyed by the grain's key and fails the first write whose state matches it, once.
/// </summary>
public sealed class FaultyStorage(IGrainStorage inner) : IGrainStorage
{
    public static readonly ConcurrentDictionary<string, Func<object, bool>> FailOnce = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.Key.ToString()!;
        if (FailOnce.TryGetValue(key, out var rule) && grainState.State is { } state && rule(state) && FailOnce.TryRemove(key, out _))
            throw new InconsistentStateException($"injected: the write of {grainId} failed");
        return inner.WriteStateAsync(stateName, grainId, grainState);
    }

    /// <summary>What storage holds for a grain, read past every activation's memory.</summary>
    public static async Task<T> ReadAsync<T>(Orleans.TestingHost.InProcessTestCluster cluster, string stateName, GrainId grainId) where T : new()
    {
        var storage = cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>("memory");
        var state = new GrainState<T>(new T());
        await storage.ReadStateAsync(stateName, grainId, state);
        return state.State!;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
