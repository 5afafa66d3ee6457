using System.Numerics;

namespace Snnsweep.Trainer.Data;

/// <summary>Frames held in memory as byte counts (clamped at 255; a quarter of the float size): the demo's store.</summary>
public sealed class ByteFrameStore : IFrameStore
{
    private readonly ReadOnlyMemory<byte> _values;

    public ByteFrameStore(ReadOnlyMemory<byte> values, int rowSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rowSize);
        if (values.Length % rowSize != 0) throw new ArgumentException($"{values.Length} values are not a whole number of rows of {rowSize}", nameof(values));
        _values = values;
        RowSize = rowSize;
        Rows = values.Length / rowSize;
    }

    public int Rows { get; }

    public int RowSize { get; }

    public void Read(int row, int start, Span<float> destination) =>
        Widen(_values.Span.Slice(row * RowSize + start, destination.Length), destination);

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
}
