namespace Snnsweep.Contracts;

[GenerateSerializer, Alias("snnsweep.TrialStatus")]
public enum TrialStatus
{
    Queued,
    Running,
    Completed,
    Pruned,
    Failed,

    /// <summary>Interrupted by a stop; back to the queue on resume.</summary>
    Paused,
}
