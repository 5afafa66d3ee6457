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
}
