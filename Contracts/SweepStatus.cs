namespace Snnsweep.Contracts;

[GenerateSerializer, Alias("snnsweep.SweepStatus")]
public enum SweepStatus
{
    /// <summary>No spec yet.</summary>
    New,
    Running,

    /// <summary>Stopped by a user; running trials were interrupted and can be resumed.</summary>
    Stopped,

    /// <summary>Budget used and every trial finished.</summary>
    Completed,
}
