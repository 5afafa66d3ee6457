namespace Snnsweep.Trainer.Training;

/// <summary>Optimiser.</summary>
public enum OptimizerKind
{
    /// <summary>AdamW with decoupled weight decay.</summary>
    AdamW,

    /// <summary>SGD with momentum and L2 weight decay.</summary>
    Sgd,
}
