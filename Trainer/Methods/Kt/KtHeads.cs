namespace Snnsweep.Trainer.Methods.Kt;

/// <summary>Whether kt's static and event branches read the trunk through their own linear heads or one shared head.</summary>
public enum KtHeads
{
    /// <summary>A static head and an event head (the paper's VGGSNN and ResNet-18).</summary>
    Separate,

    /// <summary>One head for both domains (the paper's SCNN for N-Omniglot, whose FC layers are all shared).</summary>
    Shared,
}
