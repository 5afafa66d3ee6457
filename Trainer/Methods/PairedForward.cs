namespace Snnsweep.Trainer.Methods;

/// <summary>How a transfer method runs the static and the event half of a paired batch through the shared layers.</summary>
public enum PairedForward
{
    /// <summary>
    /// As one batch of 2B. Spiking state is per sample, so only BatchNorm differs from two passes: it
    /// normalises training batches with the same mixed-domain statistics its running averages hold at inference.
    /// </summary>
    Joint,

    /// <summary>As two passes, static first, the way both papers' code runs them: BatchNorm normalises each domain with its own batch statistics in training.</summary>
    Separate,
}
