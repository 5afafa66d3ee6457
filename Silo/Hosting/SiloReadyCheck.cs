using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Snnsweep.Silo.Hosting;

/// <summary>Readiness: this silo is an active member of its cluster and not stopping (Orleans ships no health checks).</summary>
public sealed class SiloReadyCheck(IClusterMembershipService membership, ILocalSiloDetails local, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested) return Task.FromResult(HealthCheckResult.Unhealthy("stopping"));
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(status.ToString()));
    }
}
