namespace Snnsweep.Trainer.Neurons;

/// <summary>
/// Parameters of the leaky integrate-and-fire neuron. The defaults are the shared neuron of docs/methods.md §4.2
/// (beta = 1 - 1/tau = 0.5, threshold 1, hard reset, triangle surrogate of width 1), which reproduces both
/// the KT (BrainCog) and R2ETL (TET) neurons exactly up to a rescaling of the membrane.
/// </summary>
/// <param name="Tau">Membrane time constant in steps; the leak per step is <c>1/Tau</c>.</param>
/// <param name="Threshold">Firing threshold.</param>
/// <param name="Reset">Hard (to zero) or soft (subtract threshold) reset.</param>
/// <param name="DecayInput">
/// If true the input is scaled by the leak too (<c>h = v + (x - v)/tau</c>, SpikingJelly's default);
/// otherwise <c>h = v (1 - 1/tau) + x</c>.
/// </param>
/// <param name="DetachReset">Stop the gradient through the reset path (KT does, R2ETL does not).</param>
/// <param name="Surrogate">Surrogate gradient of the spike function.</param>
/// <param name="Alpha">Sharpness of the surrogate.</param>
public sealed record LifOptions(
    double Tau = 2.0,
    double Threshold = 1.0,
    ResetMode Reset = ResetMode.Hard,
    bool DecayInput = false,
    bool DetachReset = false,
    SurrogateKind Surrogate = SurrogateKind.Triangle,
    double Alpha = 1.0);
