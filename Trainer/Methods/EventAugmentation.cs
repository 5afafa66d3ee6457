using Snnsweep.Trainer.Training;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods;

/// <summary>
/// Training-time augmentation of event frames <c>[T, B, C, H, W]</c>, as the papers' event pipelines do it
/// (docs/methods.md §1.7: random crop of the frame size from a zero-padded frame, i.e. a random translation of up to
/// <c>data.augmentShift</c> pixels; optionally a horizontal flip). One draw per sample, the same for all its
/// steps and polarities, so the motion inside a sample is untouched. Draws come from the batch's own
/// <see cref="Random"/>, so a resumed run augments exactly as the uninterrupted one did.
/// </summary>
public static class EventAugmentation
{
    // The purpose of this stream among a batch's seeded draws (kt and r2etl use 1 to 3 for theirs).
    private const int Draws = 4;

    /// <summary>
    /// The training batch at <paramref name="position"/> augmented as <paramref name="config"/> asks (an alias of
    /// <paramref name="frames"/> when it asks for nothing). The caller owns both tensors.
    /// </summary>
    public static Tensor Apply(Tensor frames, TrainingConfig config, BatchPosition position) =>
        Apply(frames, config.AugmentShift, config.AugmentFlip, BatchRandom.For(config.Seed, position, Draws));

    /// <summary>
    /// <paramref name="frames"/> with every sample translated by a draw in [-<paramref name="shift"/>, <paramref name="shift"/>]
    /// pixels on each axis (zero-filled) and, with <paramref name="flip"/>, mirrored with probability one half.
    /// </summary>
    public static Tensor Apply(Tensor frames, int shift, bool flip, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shift);
        if (shift == 0 && !flip) return frames.alias();
        var batch = (int)frames.shape[1];
        var height = frames.shape[3];
        var width = frames.shape[4];
        using var padded = shift > 0 ? nn.functional.pad(frames, [shift, shift, shift, shift]) : frames.alias();
        var result = empty_like(frames);
        using var _ = no_grad();
        for (var b = 0; b < batch; b++)
        {
            // Offsets into the padded frame: shift is the untranslated position.
            var top = shift > 0 ? random.Next(2 * shift + 1) : 0;
            var left = shift > 0 ? random.Next(2 * shift + 1) : 0;
            var mirrored = flip && random.Next(2) == 1;
            using var sample = padded.select(1, b);
            using var rows = sample.narrow(2, top, height);
            using var window = rows.narrow(3, left, width);
            using var target = result.select(1, b);
            if (mirrored)
            {
                using var flipped = window.flip(3);
                target.copy_(flipped);
            }
            else
            {
                target.copy_(window);
            }
        }
        return result;
    }
}
