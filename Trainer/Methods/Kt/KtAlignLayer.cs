namespace Snnsweep.Trainer.Methods.Kt;

/// <summary>Which per-step features kt aligns between the static and the event branch.</summary>
public enum KtAlignLayer
{
    /// <summary>The membrane potential after reset of the last spiking conv layer (the paper's VGG choice).</summary>
    Membrane,

    /// <summary>The pooled spike features the heads read.</summary>
    Features,
}
