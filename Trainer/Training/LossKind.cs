namespace Snnsweep.Trainer.Training;

/// <summary>Classification loss.</summary>
public enum LossKind
{
    /// <summary>cross-entropy on the time-mean logits.</summary>
    CrossEntropy,

    /// <summary>TET: per-step cross-entropy plus lambda times MSE to loss.tetTarget (the threshold unless set).</summary>
    Tet,
}
