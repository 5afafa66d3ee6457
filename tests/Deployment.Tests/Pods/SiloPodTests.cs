using System.Diagnostics;
using k8s.Models;
using Snnsweep.Deployment.Tests.Manifests;
using Snnsweep.Silo.Tests.Cluster;
using StackExchange.Redis;

namespace Snnsweep.Deployment.Tests.Pods;

/// <summary>
/// The silo container of the cpu overlay, run for real: its args and environment from the manifest, the downward
/// API's values and the addresses that only exist in a cluster (Redis, ports, data volume) replaced by loopback ones.
/// </summary>
public sealed class SiloPodTests : IDisposable
{
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("snnsweep-pod-data-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dataRoot, recursive: true); } catch (IOException) { }
    }

    [RedisFact]
    public async Task A_silo_started_with_its_pod_environment_joins_a_redis_cluster_answers_its_probes_and_stops_within_its_grace_period()
    {
        using var redis = new RedisServer();
        var set = ManifestSet.Render("overlays/cpu");
        var pod = set.Named<V1Deployment>("silo").Spec.Template.Spec;
        var container = set.Container("silo", "silo");
        var podName = $"silo-{Guid.NewGuid():N}"[..16];
        var environment = PodEnvironment.Resolve(container, set.All<V1ConfigMap>(), new Dictionary<string, string>
        {
            ["metadata.name"] = podName,
            ["status.podIP"] = "127.0.0.1",
        });
        var httpPort = LocalPorts.Free();
        var overrides = new Dictionary<string, string>
        {
            ["Snnsweep__Redis"] = redis.ConnectionString,
            ["Snnsweep__DataRoot"] = _dataRoot,
            // Other test runs share this machine: the pod's fixed ports become free ones.
            ["Snnsweep__SiloPort"] = LocalPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Snnsweep__GatewayPort"] = LocalPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Snnsweep__Urls"] = $"http://127.0.0.1:{httpPort}",
        };
        foreach (var (key, value) in overrides)
        {
            Assert.True(environment.ContainsKey(key), $"the pod sets no {key}");
            environment[key] = value;
        }

        using var silo = new PodProcess(container.Args, environment);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(5) };
        // As long as the startup probe would wait before the kubelet gives up on the pod.
        var startup = container.StartupProbe;
        await Readiness.WaitAsync(silo.Process, new Uri(http.BaseAddress!, "/health/ready").ToString(), () => silo.Output, "the silo",
            TimeSpan.FromSeconds(startup.PeriodSeconds!.Value * startup.FailureThreshold!.Value));
        Assert.Equal(200, (int)(await http.GetAsync(container.LivenessProbe.HttpGet.Path)).StatusCode);
        Assert.Equal(200, (int)(await http.GetAsync(container.ReadinessProbe.HttpGet.Path)).StatusCode);

        // It is an active member of the Redis-backed membership table, under its pod's name.
        using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString))
        {
            var members = await connection.GetDatabase().HashGetAllAsync($"{environment["ORLEANS_SERVICE_ID"]}/members/{environment["ORLEANS_CLUSTER_ID"]}");
            Assert.Contains(members, m => m.Value.ToString().Contains($"\"{podName}\"", StringComparison.Ordinal));
        }

        var stopwatch = Stopwatch.StartNew();
        silo.Terminate();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(pod.TerminationGracePeriodSeconds!.Value));
        await silo.WaitForExitAsync(grace.Token);
        Assert.True(silo.ExitCode == 0, $"exit code {silo.ExitCode} after SIGTERM ({stopwatch.Elapsed}):\n{silo.Output}");
    }
}
