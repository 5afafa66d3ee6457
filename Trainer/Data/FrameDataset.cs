using System.Numerics;

namespace Snnsweep.Trainer.Data;

/// <summary>
/// Integrated event frames held in memory as byte counts (clamped at 255; a quarter of the float size),
/// with their labels. Batches are written straight into the <c>[T, B, C, H, W]</c> layout the networks take.
/// </summary>
public sealed class FrameDataset
{
    public FrameDataset(ReadOnlyMemory<byte> frames, int[] labels, int timesteps, int channels, int height, int width, IReadOnlyList<string> classNames)
    {
        var sampleSize = (long)timesteps * channels * height * width;
        if (frames.Length != sampleSize * labels.Length)
            throw new ArgumentException($"frames hold {frames.Length} values, expected {labels.Length} samples of {sampleSize}");
        if (labels.Any(l => l < 0 || l >= classNames.Count)) throw new ArgumentException("a label is outside the class list");
        Frames = frames;
        Labels = labels;
        Timesteps = timesteps;
        Channels = channels;
        Height = height;
        Width = width;
        ClassNames = classNames;
    }

    /// <summary>Row-major <c>[N, T, C, H, W]</c> counts (splits share one buffer).</summary>
    public ReadOnlyMemory<byte> Frames { get; }

    public int[] Labels { get; }

    public int Count => Labels.Length;

    public int Timesteps { get; }

    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    public IReadOnlyList<string> ClassNames { get; }

    public int FrameSize => Channels * Height * Width;

    public int SampleSize => Timesteps * FrameSize;

    /// <summary>The first <paramref name="count"/> samples (all when count is 0 or larger than the set).</summary>
    public FrameDataset Take(int count)
    {
        if (count <= 0 || count >= Count) return this;
        return new FrameDataset(Frames[..(count * SampleSize)], Labels[..count], Timesteps, Channels, Height, Width, ClassNames);
    }

    /// <summary>Byte counts to floats, a vector at a time (the loop the scalar JIT would not vectorise).</summary>
    private static void Widen(ReadOnlySpan<byte> from, Span<float> to)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + Vector<byte>.Count <= from.Length; i += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(from[i..]), out var low, out var high);
                Vector.Widen(low, out var a, out var b);
                Vector.Widen(high, out var c, out var d);
                var width = Vector<float>.Count;
                Vector.ConvertToSingle(a).CopyTo(to[i..]);
                Vector.ConvertToSingle(b).CopyTo(to[(i + width)..]);
                Vector.ConvertToSingle(c).CopyTo(to[(i + 2 * width)..]);
                Vector.ConvertToSingle(d).CopyTo(to[(i + 3 * width)..]);
            }
        }
        for (; i < from.Length; i++) to[i] = from[i];
    }

    /// <summary>Writes samples <paramref name="indices"/> as floats in <c>[T, B, C, H, W]</c> order into <paramref name="destination"/>.</summary>
    public void FillBatch(ReadOnlySpan<int> indices, Span<float> destination, Span<long> labels)
    {
        var batch = indices.Length;
        var frameSize = FrameSize;
        if (destination.Length < batch * SampleSize) throw new ArgumentException("destination is smaller than the batch", nameof(destination));
        for (var b = 0; b < batch; b++)
        {
            var sample = indices[b];
            labels[b] = Labels[sample];
            var source = Frames.Span.Slice(sample * SampleSize, SampleSize);
            for (var t = 0; t < Timesteps; t++)
            {
                var from = source.Slice(t * frameSize, frameSize);
                Widen(from, destination.Slice((t * batch + b) * frameSize, frameSize));
            }
        }
    }
}
