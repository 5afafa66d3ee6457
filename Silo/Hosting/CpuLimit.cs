using System.Globalization;

namespace Snnsweep.Silo.Hosting;

/// <summary>
/// The CPUs this container may use: the cgroup v2 quota (<c>/sys/fs/cgroup/cpu.max</c>, "quota period" or
/// "max period"), else <see cref="Environment.ProcessorCount"/> (which honours <c>DOTNET_PROCESSOR_COUNT</c>, as the
/// manifests set from the pod's CPU request). Never more than the processor count, never less than one.
/// </summary>
public static class CpuLimit
{
    public const string CgroupV2File = "/sys/fs/cgroup/cpu.max";

    public static int Read(string path = CgroupV2File) => FromQuota(ReadQuota(path), Environment.ProcessorCount);

    /// <summary>The whole CPUs a quota allows (rounded down, at least one) capped at <paramref name="processorCount"/>; the count itself without a quota.</summary>
    public static int FromQuota(double? quota, int processorCount)
    {
        processorCount = Math.Max(1, processorCount);
        return quota is { } cpus ? Math.Clamp((int)Math.Floor(cpus), 1, processorCount) : processorCount;
    }

    /// <summary>The quota in CPUs from a cpu.max file; null when it is absent, unreadable or unlimited.</summary>
    public static double? ReadQuota(string path)
    {
        try
        {
            return File.Exists(path) ? ParseCpuMax(File.ReadAllText(path)) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>"200000 100000" = 2 CPUs; "max 100000" (no limit) or anything unparseable = null.</summary>
    public static double? ParseCpuMax(string contents)
    {
        var fields = contents.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is 0 or > 2 || fields[0] == "max") return null;
        if (!long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var quota) || quota <= 0) return null;
        // The period defaults to 100 ms when the file gives only the quota.
        var period = 100_000L;
        if (fields.Length == 2 && (!long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out period) || period <= 0)) return null;
        return (double)quota / period;
    }
}
