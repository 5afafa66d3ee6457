namespace Snnsweep.Contracts;

/// <summary>The cluster's singleton grains, each under its one key, so that no caller spells the key itself.</summary>
public static class ClusterGrains
{
    /// <summary>The key of the work queue and of the sweep index: one of each per cluster.</summary>
    public const string SingletonKey = "default";

    /// <summary>The cluster's work queue of trial tickets.</summary>
    public static IWorkQueueGrain WorkQueue(this IGrainFactory grains) => grains.GetGrain<IWorkQueueGrain>(SingletonKey);

    /// <summary>The cluster's index of sweeps.</summary>
    public static ISweepIndexGrain SweepIndex(this IGrainFactory grains) => grains.GetGrain<ISweepIndexGrain>(SingletonKey);
}
