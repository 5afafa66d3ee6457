using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.R2etl;

/// <summary>
/// What r2etl's paired forward pass gives for the static and the event half of a batch: per-step logits
/// <c>[T, B, K]</c>, the stems' outputs <c>[T, B, C, H, W]</c> (spikes, or membranes for the TCKA option) and the
/// bottleneck's pre-spike membranes <c>[T, B, width]</c>; the bottleneck's spikes <c>[T, B, width]</c> too when asked for.
/// </summary>
public sealed record R2etlPairOutput(
    Tensor StaticLogits,
    Tensor EventLogits,
    Tensor StaticStem,
    Tensor EventStem,
    Tensor StaticBottleneck,
    Tensor EventBottleneck)
{
    /// <summary>The static half's bottleneck spikes, when the forward pass was asked for them (null otherwise).</summary>
    public Tensor? StaticBottleneckSpikes { get; init; }

    /// <summary>The event half's bottleneck spikes, when the forward pass was asked for them (null otherwise).</summary>
    public Tensor? EventBottleneckSpikes { get; init; }
}
