namespace Snnsweep.Contracts;

/// <summary>The sweep's answer to an epoch report.</summary>
[GenerateSerializer, Alias("snnsweep.EpochDecision")]
public enum EpochDecision
{
    Continue,

    /// <summary>The pruner stops this trial: it ends as pruned.</summary>
    Prune,

    /// <summary>The sweep no longer wants this attempt (stopped, or the report came from a stale attempt).</summary>
    Abandon,
}
