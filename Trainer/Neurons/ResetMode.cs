namespace Snnsweep.Trainer.Neurons;

/// <summary>What happens to the membrane after a spike.</summary>
public enum ResetMode
{
    /// <summary>Set to zero (the reset potential): <c>v = h (1 - s)</c>.</summary>
    Hard,

    /// <summary>Subtract the threshold: <c>v = h - s * threshold</c>.</summary>
    Soft,
}
