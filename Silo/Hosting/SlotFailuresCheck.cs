using Microsoft.Extensions.Diagnostics.HealthChecks;
using Snnsweep.Grains.Slots;

namespace Snnsweep.Silo.Hosting;

/// <summary>Readiness: no slot of this silo has stopped leasing after failing trial after trial (see <see cref="SlotHealth"/>).</summary>
public sealed class SlotFailuresCheck(SlotHealth health) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(health.Stopped.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(string.Join("; ", health.Stopped.OrderBy(kv => kv.Key).Select(kv => kv.Value))));
}
