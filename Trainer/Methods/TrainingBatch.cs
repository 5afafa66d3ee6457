using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods;

/// <summary>One training batch: event frames <c>[T, B, C, H, W]</c>, labels <c>[B]</c>, and for transfer methods the class-matched static partners.</summary>
/// <param name="Events">Event frames, time-major.</param>
/// <param name="Labels">Class of each sample (shared by its partner).</param>
/// <param name="Static">Static partners encoded for the method, time-major; null for event-only methods.</param>
public sealed record TrainingBatch(Tensor Events, Tensor Labels, Tensor? Static = null);
