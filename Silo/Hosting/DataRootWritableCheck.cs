using System.Runtime.InteropServices;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Snnsweep.Silo.Hosting;

/// <summary>
/// Readiness: this process can write its data root (checkpoints, frame caches, the sweep database). A Kubernetes
/// volume that the pod's fsGroup does not reach (many NFS exports) mounts owned by someone else; a silo there would
/// lease trials and fail every one of them at its first checkpoint, so it stays unready instead, saying which user
/// cannot write where and how to fix the export. Checked at most every 30 s (a probe file created and deleted).
/// </summary>
public sealed class DataRootWritableCheck(SiloSettings settings, TimeProvider time) : IHealthCheck
{
    private static readonly TimeSpan Recheck = TimeSpan.FromSeconds(30);
    private readonly Lock _gate = new();
    private (DateTimeOffset At, HealthCheckResult Result)? _last;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_last is not { } last || now - last.At >= Recheck) _last = (now, Probe(settings.DataRoot));
            return Task.FromResult(_last.Value.Result);
        }
    }

    /// <summary>Creates and deletes a file in <paramref name="dataRoot"/> (creating the folder if it is missing).</summary>
    public static HealthCheckResult Probe(string dataRoot)
    {
        try
        {
            Directory.CreateDirectory(dataRoot);
            var probe = Path.Combine(dataRoot, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy(
                $"data root {dataRoot} is not writable{User()}: {e.Message}. On NFS and other volumes the pod's fsGroup does not reach, " +
                "give the export to the silo's user (chown 1654:1654 on the server, or all_squash,anonuid=1654,anongid=1654)");
        }
    }

    private static string User()
    {
        if (!OperatingSystem.IsLinux()) return "";
        try
        {
            return $" by uid {GetUserId()} gid {GetGroupId()}";
        }
        catch (DllNotFoundException)
        {
            return "";
        }
    }

    [DllImport("libc", EntryPoint = "getuid")]
    private static extern uint GetUserId();

    [DllImport("libc", EntryPoint = "getgid")]
    private static extern uint GetGroupId();
}
