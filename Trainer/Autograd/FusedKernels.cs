using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using TorchSharp;

namespace Snnsweep.Trainer.Autograd;

/// <summary>
/// The switch of the fused CPU kernels (<c>model.fusedKernels</c>) over a whole model, and a count of the forward
/// passes that ran them, so a test can tell which path a run really took.
/// </summary>
public static class FusedKernels
{
    [ThreadStatic]
    private static long _forwards;

    /// <summary>Forward passes through <see cref="FusedLifFunction"/> or <see cref="FusedAveragePoolFunction"/> on this thread so far.</summary>
    public static long ForwardsOnThisThread => _forwards;

    /// <summary>
    /// Sets <c>UseFusedKernel</c> of every <see cref="LifNeuron"/> and <see cref="TimeDistributedPool"/> in
    /// <paramref name="module"/> (itself included), however deep: how a run honours <c>model.fusedKernels</c>.
    /// </summary>
    public static void Apply(torch.nn.Module module, bool enabled)
    {
        foreach (var part in module.modules().Prepend(module))
        {
            switch (part)
            {
                case LifNeuron neuron:
                    neuron.UseFusedKernel = enabled;
                    break;
                case TimeDistributedPool pool:
                    pool.UseFusedKernel = enabled;
                    break;
            }
        }
    }

    internal static void CountForward() => _forwards++;
}
