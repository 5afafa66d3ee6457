namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// A recording of address events as struct-of-arrays, sorted by time. Polarity is normalised to
/// 1 = ON (brightness increase) and 0 = OFF whatever the file format says; timestamps are microseconds.
/// </summary>
public sealed class EventStream
{
    public EventStream(int width, int height, int[] x, int[] y, long[] t, byte[] p)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (x.Length != y.Length || x.Length != t.Length || x.Length != p.Length)
            throw new ArgumentException($"Event arrays differ in length: x {x.Length}, y {y.Length}, t {t.Length}, p {p.Length}.");
        Width = width;
        Height = height;
        X = x;
        Y = y;
        T = t;
        P = p;
    }

    /// <summary>Sensor width in pixels; every x lies in [0, Width).</summary>
    public int Width { get; }

    /// <summary>Sensor height in pixels; every y lies in [0, Height).</summary>
    public int Height { get; }

    public int[] X { get; }

    public int[] Y { get; }

    /// <summary>Timestamps in microseconds, non-decreasing.</summary>
    public long[] T { get; }

    /// <summary>Polarity: 1 = ON, 0 = OFF.</summary>
    public byte[] P { get; }

    public int Count => T.Length;

    public static EventStream Empty(int width, int height) => new(width, height, [], [], [], []);

    /// <summary>Events with index in <c>[start, end)</c>, same sensor.</summary>
    public EventStream SliceByIndex(int start, int end)
    {
        if (start < 0 || end > Count || start > end) throw new ArgumentOutOfRangeException(nameof(start), $"[{start}, {end}) is not inside [0, {Count}).");
        return new EventStream(Width, Height, X[start..end], Y[start..end], T[start..end], P[start..end]);
    }

    /// <summary>Events with <c>start &lt;= t &lt; end</c> (binary search; the stream is sorted).</summary>
    public EventStream SliceByTime(long start, long end) => SliceByIndex(LowerBound(start), Math.Max(LowerBound(start), LowerBound(end)));

    /// <summary>First index whose timestamp is at least <paramref name="time"/> (numpy <c>searchsorted</c>, side left).</summary>
    public int LowerBound(long time)
    {
        int lo = 0, hi = T.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (T[mid] < time) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>
    /// Tonic/BrainCog N-Caltech101 convention: subtract the per-sample minimum x and y and shrink the sensor to the
    /// events' bounding box, so the frame size follows the sample.
    /// </summary>
    public EventStream CroppedToBoundingBox()
    {
        if (Count == 0) return this;
        int minX = X.Min(), minY = Y.Min(), maxX = X.Max(), maxY = Y.Max();
        var x = X.Select(v => v - minX).ToArray();
        var y = Y.Select(v => v - minY).ToArray();
        return new EventStream(maxX - minX + 1, maxY - minY + 1, x, y, (long[])T.Clone(), (byte[])P.Clone());
    }
}
