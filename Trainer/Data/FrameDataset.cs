namespace Snnsweep.Trainer.Data;

/// <summary>
/// One split of integrated event frames with their labels: a list of rows of an <see cref="IFrameStore"/> that the
/// splits of a dataset share. Batches are written straight into the <c>[T, B, C, H, W]</c> layout the networks take.
/// </summary>
public sealed class FrameDataset
{
    private readonly IFrameStore _store;
    private readonly int[] _rows;

    /// <summary>Samples held in memory as byte counts, row-major <c>[N, T, C, H, W]</c> (the demo, tests).</summary>
    public FrameDataset(ReadOnlyMemory<byte> frames, int[] labels, int timesteps, int channels, int height, int width, IReadOnlyList<string> classNames)
        : this(new ByteFrameStore(frames, checked(timesteps * channels * height * width)), Enumerable.Range(0, labels.Length).ToArray(), labels, timesteps, channels, height, width, classNames)
    {
        if (frames.Length != (long)SampleSize * labels.Length)
            throw new ArgumentException($"frames hold {frames.Length} values, expected {labels.Length} samples of {SampleSize}");
    }

    /// <param name="store">Where the frames are.</param>
    /// <param name="rows">The store row of each sample of this split, in the split's order.</param>
    /// <param name="labels">The class of each sample.</param>
    public FrameDataset(IFrameStore store, int[] rows, int[] labels, int timesteps, int channels, int height, int width, IReadOnlyList<string> classNames)
    {
        if (rows.Length != labels.Length) throw new ArgumentException($"{rows.Length} rows for {labels.Length} labels");
        var sampleSize = (long)timesteps * channels * height * width;
        if (store.RowSize != sampleSize) throw new ArgumentException($"the store's rows hold {store.RowSize} values, expected {sampleSize} ({timesteps} x {channels} x {height} x {width})");
        if (rows.Any(r => r < 0 || r >= store.Rows)) throw new ArgumentException("a row is outside the store");
        if (labels.Any(l => l < 0 || l >= classNames.Count)) throw new ArgumentException("a label is outside the class list");
        _store = store;
        _rows = rows;
        Labels = labels;
        Timesteps = timesteps;
        Channels = channels;
        Height = height;
        Width = width;
        ClassNames = classNames;
    }

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
        return new FrameDataset(_store, _rows[..count], Labels[..count], Timesteps, Channels, Height, Width, ClassNames);
    }

    /// <summary>Sample <paramref name="index"/> as <c>[T, C, H, W]</c> floats.</summary>
    public void CopySample(int index, Span<float> destination) => _store.Read(_rows[index], 0, destination[..SampleSize]);

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
            var row = _rows[sample];
            for (var t = 0; t < Timesteps; t++)
                _store.Read(row, t * frameSize, destination.Slice((t * batch + b) * frameSize, frameSize));
        }
    }
}
