using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using StackExchange.Redis;

namespace Snnsweep.Tests.ClusterFixtures;

/// <summary>An Orleans client of a Redis-backed cluster, as the dashboard role and <c>sweep --cluster</c> connect; stopped when disposed.</summary>
public sealed class RedisClusterClient : IAsyncDisposable
{
    private readonly IHost _host;

    private RedisClusterClient(IHost host) => _host = host;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <param name="redis">A StackExchange.Redis connection string (with the password where Redis requires one).</param>
    public static async Task<RedisClusterClient> ConnectAsync(string redis, string serviceId = "snnsweep", string clusterId = "snnsweep")
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.UseOrleansClient(client => client
            .UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(redis))
            .Configure<ClusterOptions>(o => { o.ServiceId = serviceId; o.ClusterId = clusterId; }));
        var host = builder.Build();
        await host.StartAsync();
        return new RedisClusterClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _host.StopAsync();
        }
        catch (Exception)
        {
            // The cluster may be gone already (the test killed it); nothing to stop cleanly.
        }
        _host.Dispose();
    }
}
