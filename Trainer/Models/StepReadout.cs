using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Models;

/// <summary>A linear readout applied at every step at once: <c>[T, B, F]</c> features to <c>[T, B, K]</c> logits.</summary>
internal static class StepReadout
{
    public static Tensor Apply(Linear head, Tensor features)
    {
        var steps = features.shape[0];
        using var flat = features.flatten(0, 1);
        using var logits = head.forward(flat);
        return logits.reshape(steps, -1, logits.shape[1]);
    }
}
