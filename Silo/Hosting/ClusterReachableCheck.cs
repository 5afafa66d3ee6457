using Microsoft.Extensions.Diagnostics.HealthChecks;
using Snnsweep.Contracts;

namespace Snnsweep.Silo.Hosting;

/// <summary>Readiness of the dashboard role: the Orleans client reaches the cluster (one cheap, read-only grain call).</summary>
public sealed class ClusterReachableCheck(IClusterClient client, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested) return HealthCheckResult.Unhealthy("stopping");
        try
        {
            await client.SweepIndex().List().WaitAsync(TimeSpan.FromSeconds(3), cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"cluster not reachable: {e.GetType().Name}");
        }
    }
}
