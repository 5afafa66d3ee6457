namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// Collects decoded events into struct-of-arrays storage. The capacity is fixed up front from the number of
/// bytes that can hold events, so a lying header can never make a reader allocate more than the file implies.
/// </summary>
internal sealed class EventBuffer
{
    private int[] _x;
    private int[] _y;
    private long[] _t;
    private byte[] _p;
    private readonly long _maximum;
    private long _lastTimestamp = long.MinValue;

    /// <param name="maximumEvents">Hard upper bound derived from the payload size (bytes / record size).</param>
    /// <param name="initialCapacity">Starting capacity; grows by doubling up to <paramref name="maximumEvents"/>.</param>
    public EventBuffer(long maximumEvents, int initialCapacity = 1024)
    {
        _maximum = Math.Max(0, maximumEvents);
        var capacity = (int)Math.Min(Math.Max(0, initialCapacity), Math.Min(_maximum, Array.MaxLength));
        _x = new int[capacity];
        _y = new int[capacity];
        _t = new long[capacity];
        _p = new byte[capacity];
    }

    public int Count { get; private set; }

    public long LastTimestamp => Count == 0 ? long.MinValue : _t[Count - 1];

    /// <summary>True while every appended timestamp was at least the previous one.</summary>
    public bool IsSorted { get; private set; } = true;

    /// <summary>Appends one event; returns false when the byte-derived bound would be exceeded.</summary>
    public bool TryAdd(int x, int y, long t, byte p)
    {
        var i = Count;
        if (i == _x.Length && !Grow()) return false;
        if (t < _lastTimestamp) IsSorted = false;
        _lastTimestamp = t;
        _x[i] = x;
        _y[i] = y;
        _t[i] = t;
        _p[i] = p;
        Count = i + 1;
        return true;
    }

    private bool Grow()
    {
        if (Count >= _maximum || Count >= Array.MaxLength) return false;
        var capacity = (int)Math.Min(Math.Min(Math.Max(16L, 2L * _x.Length), _maximum), Array.MaxLength);
        Array.Resize(ref _x, capacity);
        Array.Resize(ref _y, capacity);
        Array.Resize(ref _t, capacity);
        Array.Resize(ref _p, capacity);
        return true;
    }

    /// <summary>
    /// Builds the stream. Events are stably sorted by time when a file stores them out of order (a few released
    /// files are not strictly monotonic), because every slicer relies on binary search over timestamps.
    /// </summary>
    public EventStream ToStream(int width, int height)
    {
        // Readers size the buffer exactly when they can (fixed-size records), so usually no copy is needed.
        var exact = Count == _x.Length;
        var x = exact ? _x : _x.AsSpan(0, Count).ToArray();
        var y = exact ? _y : _y.AsSpan(0, Count).ToArray();
        var t = exact ? _t : _t.AsSpan(0, Count).ToArray();
        var p = exact ? _p : _p.AsSpan(0, Count).ToArray();
        if (!IsSorted) StableSortByTime(x, y, t, p);
        return new EventStream(width, height, x, y, t, p);
    }

    internal static void StableSortByTime(int[] x, int[] y, long[] t, byte[] p)
    {
        var order = new int[t.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        var keys = (long[])t.Clone();
        // Array.Sort is introsort (unstable); sorting (t, original index) pairs makes it stable.
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        var xs = (int[])x.Clone();
        var ys = (int[])y.Clone();
        var ps = (byte[])p.Clone();
        for (var i = 0; i < order.Length; i++)
        {
            var j = order[i];
            x[i] = xs[j];
            y[i] = ys[j];
            t[i] = keys[j];
            p[i] = ps[j];
        }
    }
}
