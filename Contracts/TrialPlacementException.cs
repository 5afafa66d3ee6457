namespace Snnsweep.Contracts;

/// <summary>
/// A trial grain was asked to start an attempt that a slot of another silo leased: its activation lives on the wrong
/// silo (a read activated it there first). The activation deactivates; the slot's next call places it locally.
/// </summary>
[GenerateSerializer, Alias("snnsweep.TrialPlacementException")]
public sealed class TrialPlacementException : Exception
{
    public TrialPlacementException()
    {
    }

    public TrialPlacementException(string message) : base(message)
    {
    }

    public TrialPlacementException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
