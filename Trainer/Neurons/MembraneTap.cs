namespace Snnsweep.Trainer.Neurons;

/// <summary>Which membrane potential a neuron keeps from its last forward pass (for alignment losses).</summary>
public enum MembraneTap
{
    /// <summary>Keep nothing (the default; saves memory).</summary>
    None,

    /// <summary>The charged membrane before the spike decision (R2ETL's TCKA input).</summary>
    PreSpike,

    /// <summary>The membrane after reset (KT's alignment input).</summary>
    PostReset,
}
