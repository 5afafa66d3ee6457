using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Snnsweep.Silo.Hosting;

/// <summary>Readiness: the configured slots' devices exist here (see <see cref="SlotPlan.Problem"/>); a silo whose slots cannot run stays unready.</summary>
public sealed class SlotDevicesCheck(SlotPlan plan) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(plan.Problem is { } problem ? HealthCheckResult.Unhealthy(problem) : HealthCheckResult.Healthy(plan.Describe()));
}
