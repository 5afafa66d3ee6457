namespace Snnsweep.Grains.Contracts;

/// <summary>The list of sweeps (key "default"): what the dashboard lists and what a restarted cluster wakes.</summary>
[Alias("snnsweep.ISweepIndexGrain")]
public interface ISweepIndexGrain : IGrainWithStringKey
{
    [Alias("Register")]
    Task Register(string sweepId);

    [Alias("List"), AlwaysInterleave]
    Task<string[]> List();
}
