using System.Globalization;

namespace Snnsweep.PackMemory;

/// <summary>Resident memory of this process as /proc/self/status reports it, in bytes.</summary>
public readonly record struct Rss(long Total, long Anon, long File, long Shmem)
{
    /// <summary>VmRSS, RssAnon, RssFile and RssShmem now (zeros where the kernel does not report them).</summary>
    public static Rss Read()
    {
        long total = 0, anon = 0, file = 0, shmem = 0;
        foreach (var line in System.IO.File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) total = Kb(line);
            else if (line.StartsWith("RssAnon:", StringComparison.Ordinal)) anon = Kb(line);
            else if (line.StartsWith("RssFile:", StringComparison.Ordinal)) file = Kb(line);
            else if (line.StartsWith("RssShmem:", StringComparison.Ordinal)) shmem = Kb(line);
        }
        return new Rss(total, anon, file, shmem);
    }

    private static long Kb(string line)
    {
        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>Peaks (each field on its own) and the median of VmRSS over one phase.</summary>
public sealed record RssPhase(string Name, Rss Peak, long MedianTotal, int Samples, double Seconds);

/// <summary>
/// Reads /proc/self/status every few milliseconds on a thread of its own and keeps, per phase, the peak of VmRSS,
/// RssAnon and RssFile (each on its own, since they need not peak together) and every VmRSS sample for a median.
/// </summary>
public sealed class RssSampler : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Thread _thread;
    private readonly int _intervalMs;
    private volatile bool _stop;
    private List<long>? _totals;
    private Rss _peak;
    private string? _phase;
    private DateTime _started;

    public RssSampler(int intervalMs)
    {
        _intervalMs = intervalMs;
        _thread = new Thread(Loop) { IsBackground = true, Name = "rss-sampler" };
        _thread.Start();
    }

    public void Begin(string phase)
    {
        lock (_lock)
        {
            _phase = phase;
            _totals = [];
            _peak = default;
            _started = DateTime.UtcNow;
        }
        Sample();
    }

    public RssPhase End()
    {
        Sample();
        lock (_lock)
        {
            var totals = _totals!.Order().ToList();
            var phase = new RssPhase(_phase!, _peak, totals[totals.Count / 2], totals.Count, (DateTime.UtcNow - _started).TotalSeconds);
            _phase = null;
            _totals = null;
            return phase;
        }
    }

    /// <summary>The peaks of the current phase so far.</summary>
    public Rss PeakSoFar()
    {
        Sample();
        lock (_lock) return _peak;
    }

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Loop()
    {
        while (!_stop)
        {
            Sample();
            Thread.Sleep(_intervalMs);
        }
    }

    private void Sample()
    {
        var now = Rss.Read();
        lock (_lock)
        {
            if (_totals is null) return;
            _totals.Add(now.Total);
            _peak = new Rss(Math.Max(_peak.Total, now.Total), Math.Max(_peak.Anon, now.Anon), Math.Max(_peak.File, now.File), Math.Max(_peak.Shmem, now.Shmem));
        }
    }
}
