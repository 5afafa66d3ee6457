using System.Diagnostics;
using k8s.Models;
using Snnsweep.Deployment.Tests.Manifests;
using Snnsweep.Silo.Hosting;
using Snnsweep.Silo.Tests.Cluster;
using StackExchange.Redis;

namespace Snnsweep.Deployment.Tests.Pods;

/// <summary>
/// The silo container of each overlay, run for real with its args and its environment verbatim: only the downward
/// API's values, the host names that exist only in a cluster (Redis's service) and the ports they come with are
/// replaced by loopback ones, and the data volume's mount path by a folder of the test's. The HTTP address keeps the
/// manifest's host (0.0.0.0, which the kubelet needs) on a free port. Redis's password comes from the rendered Secret
/// (the variable's secretKeyRef, resolved as the kubelet resolves it), and the local redis-server requires it and
/// runs with the manifest's eviction policy, as the Redis pod does.
/// </summary>
public sealed class SiloPodTests : IDisposable
{
    private readonly string _dataRoot = Directory.CreateTempSubdirectory("snnsweep-pod-data-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dataRoot, recursive: true); } catch (IOException) { }
    }

    [RedisFact]
    public Task A_cpu_overlay_silo_started_with_its_pod_environment_joins_a_redis_cluster_answers_its_probes_serves_no_dashboard_and_stops_within_its_grace_period() =>
        RunsAsItsPodAsync("overlays/cpu");

    /// <summary>The GPU overlay's container (Snnsweep__Slots=auto) on this machine: one slot per CUDA device libtorch sees, else one CPU slot; ready either way.</summary>
    [RedisFact]
    public Task A_gpu_overlay_silo_started_with_its_pod_environment_resolves_its_slots_and_becomes_ready() =>
        RunsAsItsPodAsync("overlays/gpu");

    private async Task RunsAsItsPodAsync(string overlay)
    {
        await using var rig = await PodRig.StartAsync(overlay);
        var set = rig.Set;
        var pod = set.Named<V1Deployment>("silo").Spec.Template.Spec;
        var container = set.Container("silo", "silo");
        var podName = $"silo-{Guid.NewGuid():N}"[..16];
        var verbatim = set.Environment(container, new Dictionary<string, string>
        {
            ["metadata.name"] = podName,
            ["status.podIP"] = "127.0.0.1",
        });
        var password = rig.Password;
        // Without the password, nothing: NOAUTH (or a refused handshake).
        await Assert.ThrowsAnyAsync<RedisException>(async () =>
        {
            using var anonymous = await ConnectionMultiplexer.ConnectAsync($"{rig.Redis.ConnectionString},abortConnect=true,connectRetry=0");
            await anonymous.GetDatabase().PingAsync();
        });

        // Redis's service name and port become the local redis-server's (the password stays as the pod has it); the
        // manifest's host keeps its address (0.0.0.0) on a free port, as do the silo ports: other test runs share this machine.
        var redisService = set.Named<V1Service>("redis");
        Assert.Equal($"{redisService.Metadata.Name}:{redisService.Spec.Ports.Single().Port},password={password}", verbatim["Snnsweep__Redis"]);
        Assert.Equal("0.0.0.0", new Uri(verbatim["Snnsweep__Urls"]).Host);
        var (environment, httpPort) = rig.Environment("silo", "silo", podName, new Dictionary<string, string> { [verbatim["Snnsweep__DataRoot"]] = _dataRoot });
        Assert.Equal("0.0.0.0", new Uri(environment["Snnsweep__Urls"]).Host);
        Assert.Equal(_dataRoot, environment["Snnsweep__DataRoot"]);
        // Nothing else differs from what the kubelet would give the container.
        var substituted = new[] { "Snnsweep__Redis", "Snnsweep__Urls", "Snnsweep__SiloPort", "Snnsweep__GatewayPort", "Snnsweep__DataRoot" };
        Assert.Equal(verbatim.Keys.Order(), environment.Keys.Order());
        Assert.All(verbatim.Where(v => !substituted.Contains(v.Key)), v => Assert.Equal(v.Value, environment[v.Key]));

        using var silo = new PodProcess(container.Args, environment);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(5) };
        // As long as the startup probe would wait before the kubelet gives up on the pod.
        var startup = container.StartupProbe;
        await Readiness.WaitAsync(silo.Process, new Uri(http.BaseAddress!, "/health/ready").ToString(), () => silo.Output, "the silo",
            TimeSpan.FromSeconds(startup.PeriodSeconds!.Value * startup.FailureThreshold!.Value));
        Assert.Equal(200, (int)(await http.GetAsync(container.LivenessProbe.HttpGet.Path)).StatusCode);
        var ready = await http.GetAsync(container.ReadinessProbe.HttpGet.Path);
        Assert.Equal(200, (int)ready.StatusCode);
        Assert.StartsWith("Healthy", await ready.Content.ReadAsStringAsync());
        // Health only: the dashboard's pages are the dashboard Deployment's.
        Assert.Equal(404, (int)(await http.GetAsync("/")).StatusCode);
        Assert.Contains("health: ", silo.Output);
        Assert.DoesNotContain("dashboard: http", silo.Output);
        // The slots the container resolves here (auto: one per CUDA device libtorch sees, else one CPU slot).
        var plan = SlotPlan.Resolve(SiloSettings.ParseSlots(environment["Snnsweep__Slots"]), new TorchDeviceProbe(), 1);
        Assert.Contains($"{plan.Devices.Count} slot(s) {string.Join(',', plan.Devices)}", silo.Output);

        // It is an active member of the Redis-backed membership table, under its pod's name.
        using (var connection = await ConnectionMultiplexer.ConnectAsync(rig.RedisConnection))
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
