namespace Snnsweep.Trainer.Neurons;

/// <summary>
/// The derivative the spike function pretends to have in the backward pass (its forward is always the
/// Heaviside step). Each takes a sharpness <c>alpha</c>; <c>x</c> below is membrane minus threshold.
/// </summary>
public enum SurrogateKind
{
    /// <summary><c>alpha * sigmoid(alpha x) * (1 - sigmoid(alpha x))</c> (SpikingJelly <c>Sigmoid</c>, default alpha 4).</summary>
    Sigmoid,

    /// <summary><c>alpha / (2 (1 + (pi/2 alpha x)^2))</c> (SpikingJelly <c>ATan</c>, default alpha 2).</summary>
    Atan,

    /// <summary>
    /// <c>alpha * max(0, 1 - alpha |x|)</c>: alpha 1 is TET's triangle (R2ETL), alpha 2 is BrainCog's QGate (KT).
    /// </summary>
    Triangle,
}
