namespace Snnsweep.Contracts;

/// <summary>How a trial attempt ended.</summary>
[GenerateSerializer, Alias("snnsweep.TrialOutcomeKind")]
public enum TrialOutcomeKind
{
    Completed,
    Pruned,
    Failed,

    /// <summary>Stopped from outside (sweep stopped, silo shutting down, lease lost): to be resumed, not counted.</summary>
    Interrupted,
}
