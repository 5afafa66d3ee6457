using System.Globalization;
using TorchSharp;

namespace Snnsweep.Silo.Hosting;

/// <summary>How many CUDA devices this process sees: the one question the slot plan asks the hardware.</summary>
public interface IDeviceProbe
{
    int CudaDeviceCount();
}

/// <summary>
/// libtorch's own count (<c>torch.cuda.device_count()</c>), 0 when CUDA is not available: the CPU build of
/// TorchSharp, no driver, or a driver that fails to initialise.
/// </summary>
public sealed class TorchDeviceProbe : IDeviceProbe
{
    public int CudaDeviceCount()
    {
        try
        {
            return torch.cuda.is_available() ? torch.cuda.device_count() : 0;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return 0;
        }
    }
}

/// <summary>
/// The slots a silo actually runs, resolved from its configured slots against the devices it sees, and how many
/// intra-op threads libtorch gets. <c>auto</c>: one slot per visible CUDA device, or one CPU slot when none. Configured
/// CUDA slots naming a device the process cannot see make a <see cref="Problem"/>: the silo then runs no slots and
/// stays unready (<see cref="SlotDevicesCheck"/>) rather than failing every trial it would lease.
/// </summary>
public sealed record SlotPlan
{
    /// <summary>The slots as configured (<c>auto</c>, <c>cuda:0,cuda:1</c>, <c>cpu,cpu</c>).</summary>
    public required IReadOnlyList<string> Configured { get; init; }

    /// <summary>One device per slot that will run; empty when there is a <see cref="Problem"/>.</summary>
    public required IReadOnlyList<string> Devices { get; init; }

    /// <summary>CUDA devices visible to this process; null when nothing asked (no CUDA slot, not auto).</summary>
    public int? VisibleCudaDevices { get; init; }

    /// <summary>Why the configured slots cannot run here, naming the configured and the visible devices.</summary>
    public string? Problem { get; init; }

    /// <summary>The CPUs this container may use (<see cref="CpuLimit"/>).</summary>
    public required int Cpus { get; init; }

    /// <summary>libtorch's intra-op threads: the CPUs split between the CPU slots, or all of them for a GPU silo's data and CPU work.</summary>
    public required int Threads { get; init; }

    public static SlotPlan Resolve(IReadOnlyList<string> configured, IDeviceProbe probe, int cpus)
    {
        cpus = Math.Max(1, cpus);
        IReadOnlyList<string> devices = configured;
        int? visible = null;
        string? problem = null;
        if (configured is [SiloSettings.AutoSlots])
        {
            visible = probe.CudaDeviceCount();
            devices = visible > 0 ? Enumerable.Range(0, visible.Value).Select(Cuda).ToArray() : ["cpu"];
        }
        else if (configured.Any(IsCuda))
        {
            visible = probe.CudaDeviceCount();
            var count = visible.Value;
            var missing = configured.Where(IsCuda).Distinct().Where(d => Index(d) >= count).ToList();
            if (missing.Count > 0)
            {
                problem = $"configured slots {string.Join(',', configured)} do not match the visible devices: {Visible(count)}, so {string.Join(',', missing)} cannot run here " +
                          "(set Snnsweep__Slots=auto for one slot per visible GPU, or give the pod the GPUs the slots name)";
                devices = [];
            }
        }
        var cpuSlots = devices.Count(d => d == "cpu");
        return new SlotPlan
        {
            Configured = configured,
            Devices = devices,
            VisibleCudaDevices = visible,
            Problem = problem,
            Cpus = cpus,
            Threads = cpuSlots > 0 ? Math.Max(1, cpus / cpuSlots) : cpus,
        };
    }

    /// <summary>One line for the start-up output: the slots, where auto found them, the threads.</summary>
    public string Describe()
    {
        var slots = Devices.Count == 0 ? "no slots" : $"{Devices.Count} slot(s) {string.Join(',', Devices)}";
        var auto = Configured is [SiloSettings.AutoSlots] ? $" (auto: {Visible(VisibleCudaDevices ?? 0)})" : "";
        return $"{slots}{auto}, libtorch threads {Threads} of {Cpus} CPU(s)";
    }

    private static string Visible(int count) => count switch
    {
        0 => "no CUDA device is visible",
        1 => "1 CUDA device is visible (cuda:0)",
        _ => $"{count} CUDA devices are visible (cuda:0..cuda:{count - 1})",
    };

    private static bool IsCuda(string device) => device.StartsWith("cuda:", StringComparison.Ordinal);

    private static int Index(string device) => int.Parse(device.AsSpan(5), CultureInfo.InvariantCulture);

    private static string Cuda(int index) => "cuda:" + index.ToString(CultureInfo.InvariantCulture);
}
