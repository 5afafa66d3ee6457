namespace Snnsweep.Contracts;

/// <summary>The list of sweeps (key "default"): what the dashboard lists and what a restarted cluster wakes.</summary>
[Alias("snnsweep.ISweepIndexGrain")]
public interface ISweepIndexGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task Register(string sweepId);

    [Alias("List"), AlwaysInterleave]
    Task<string[]> List();

    /// <summary>Subscriptions expire after five minutes; subscribers renew them.</summary>
    [Alias("Subscribe")]
    Task Subscribe(ISweepIndexObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(ISweepIndexObserver observer);
}
