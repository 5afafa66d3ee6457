namespace Snnsweep.Trainer.Methods.Kt;

/// <summary>How kt weighs each step's alignment against its event classification loss (docs/methods.md §1.4).</summary>
public enum KtCoefficientMode
{
    /// <summary>w_t = sigmoid(c_t) with learnable c_t; the event loss of step t is scaled by 1 - w_t.</summary>
    Learnable,

    /// <summary>w_t = alpha for every step (kt.alpha); the event loss is scaled by 1 - alpha.</summary>
    Fixed,

    /// <summary>w_t = 1 in the alignment loss and no scaling of the event loss (the ablation without regularisation).</summary>
    Off,
}
