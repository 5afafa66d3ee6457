using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Snnsweep.Contracts;
using StackExchange.Redis;

namespace Snnsweep.Silo.Tests.Cluster;

/// <summary>The dashboard as Kubernetes runs it: its own process, an Orleans client of a Redis-backed cluster.</summary>
public sealed class DashboardRoleTests : IDisposable
{
    private static readonly string SharedDataRoot = Path.Combine(Path.GetTempPath(), "snnsweep-tests-data");
    private readonly RedisServer _redis = new();
    private readonly List<SiloProcess> _processes = [];

    [RedisFact]
    public async Task The_dashboard_role_joins_the_cluster_as_a_client_and_serves_its_sweeps()
    {
        var silo = new SiloProcess("silo-a", _redis.ConnectionString, SharedDataRoot, slots: 0, leaseSeconds: 10);
        _processes.Add(silo);
        await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        var dashboard = new SiloProcess("dashboard", _redis.ConnectionString, SharedDataRoot, slots: 0, leaseSeconds: 10, role: "dashboard");
        _processes.Add(dashboard);
        // Ready means the client reached the cluster (a grain call answered).
        await dashboard.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));

        using var host = await ConnectAsync();
        var id = $"role-{Guid.NewGuid():N}";
        await host.Services.GetRequiredService<IGrainFactory>().GetGrain<ISweepGrain>(id).Create(new SweepSpec("baseline", "demo",
            """{"parameters":[{"type":"float","name":"lr","low":0.001,"high":0.01,"log":true}]}""", [new ObjectiveSpec("valAccuracy", true)],
            Trials: 3, Parallelism: 1, "random", "none", Seed: 2, Epochs: 1, new() { ["T"] = "2" }, MaxRetries: 0));

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{dashboard.HttpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        var page = await http.GetStringAsync("/");
        using var spec = JsonDocument.Parse(await http.GetStringAsync($"/api/sweeps/{id}/spec.json"));
        var missing = await http.GetAsync("/api/sweeps/no-such-sweep/trials.csv");
        // The datasets as the dashboard process finds them on its own data root (Kubernetes mounts the silos' volume).
        var cluster = await http.GetStringAsync("/cluster");
        await host.StopAsync();

        Assert.Contains("Sweeps", page);
        Assert.Equal("baseline", spec.RootElement.GetProperty("method").GetString());
        Assert.Equal(3, spec.RootElement.GetProperty("trials").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.DoesNotContain("Slot ", dashboard.Output);
        Assert.Contains("data-testid=\"datasets\"", cluster);
        Assert.Contains("data-dataset=\"n-mnist\"", cluster);
        Assert.Contains(Path.GetFullPath(SharedDataRoot), cluster);
    }

    private async Task<IHost> ConnectAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.AddFilter("Orleans", LogLevel.Warning);
        builder.UseOrleansClient(client => client
            .UseRedisClustering(o => o.ConfigurationOptions = ConfigurationOptions.Parse(_redis.ConnectionString))
            .Configure<ClusterOptions>(o => { o.ServiceId = "snnsweep"; o.ClusterId = "snnsweep"; }));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    public void Dispose()
    {
        foreach (var process in _processes) process.Dispose();
        _redis.Dispose();
    }
}
