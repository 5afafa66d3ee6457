using Snnsweep.Dashboard;
using Snnsweep.Contracts;

namespace Snnsweep.Silo.Hosting;

/// <summary>
/// The <c>dashboard</c> role: an Orleans client (no slots, no training) that serves the dashboard, as the
/// Kubernetes dashboard Deployment runs it. Finds the cluster through Redis, or through the local gateway of an
/// embedded silo on the same machine.
/// </summary>
public static class DashboardHost
{
    public static WebApplication Build(SiloSettings settings, string[]? args = null)
    {
        var builder = SiloHost.CreateBuilder(settings, args);
        builder.Logging.AddFilter("Orleans", LogLevel.Warning).AddFilter("Microsoft", LogLevel.Warning);
        SiloHost.AddTimings(builder);
        builder.UseOrleansClient(client =>
            ClusterClient.Configure(client, settings.IsRedis ? settings.Redis : null, settings.ServiceId, settings.ClusterId, settings.GatewayPort));
        builder.Services.AddHealthChecks().AddCheck<ClusterReachableCheck>("cluster", tags: ["ready"]);
        SiloHost.AddDashboard(builder, settings);
        var app = builder.Build();
        SiloHost.MapHealth(app);
        app.MapSnnsweepDashboard();
        return app;
    }
}
