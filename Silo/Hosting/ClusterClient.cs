using Orleans.Configuration;
using StackExchange.Redis;

namespace Snnsweep.Silo.Hosting;

/// <summary>
/// How every Orleans client of ours finds its cluster (the dashboard role, <c>sweep --cluster</c>, <c>export</c>): a
/// Redis cluster by its connection string and ids, or else the embedded silo on this machine by its gateway port.
/// </summary>
internal static class ClusterClient
{
    /// <param name="redis">The Redis connection string of a cluster; null for the embedded silo on this machine.</param>
    public static void Configure(IClientBuilder client, string? redis, string serviceId, string clusterId, int gatewayPort)
    {
        if (redis is null)
        {
            client.UseLocalhostClustering(gatewayPort);
            return;
        }
        client.UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis));
        client.Configure<ClusterOptions>(o => { o.ServiceId = serviceId; o.ClusterId = clusterId; });
    }
}
