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

    /// <summary>Slows the first write whose state matches, once: a storage (or grain) that takes a while to answer.</summary>
    public static readonly ConcurrentDictionary<string, (Func<object, bool> Rule, TimeSpan Delay)> DelayOnce = new();

    /// <summary>Every write that reached storage, in order, for grain keys a test has asked to watch.</summary>
    public static readonly ConcurrentDictionary<string, ConcurrentQueue<(string StateName, object State)>> Writes = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = grainId.Key.ToString()!;
        if (DelayOnce.TryGetValue(key, out var slow) && grainState.State is { } slowed && slow.Rule(slowed) && DelayOnce.TryRemove(key, out _))
            await Task.Delay(slow.Delay);
        if (FailOnce.TryGetValue(key, out var rule) && grainState.State is { } state && rule(state) && FailOnce.TryRemove(key, out _))
            throw new InconsistentStateException($"injected: the write of {grainId} failed");
        if (Writes.TryGetValue(key, out var log) && grainState.State is { } written) log.Enqueue((stateName, written));
        await inner.WriteStateAsync(stateName, grainId, grainState);
    }

    /// <summary>What storage holds for a grain, read past every activation's memory.</summary>
    public static async Task<T> ReadAsync<T>(Orleans.TestingHost.InProcessTestCluster cluster, string stateName, GrainId grainId) where T : new()
    {
        var storage = cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>("memory");
        var state = new GrainState<T>(new T());
        await storage.ReadStateAsync(stateName, grainId, state);
        return state.State!;
    }

    /// <summary>Puts a state in storage directly, as an earlier version of the grain would have written it.</summary>
    public static Task WriteAsync<T>(Orleans.TestingHost.InProcessTestCluster cluster, string stateName, GrainId grainId, T value) =>
        cluster.Silos[0].SiloHost.Services.GetRequiredKeyedService<IGrainStorage>("memory").WriteStateAsync(stateName, grainId, new GrainState<T>(value));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);
}
