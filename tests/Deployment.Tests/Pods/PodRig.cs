using System.Globalization;
using k8s.Models;
using Snnsweep.Deployment.Tests.Manifests;
using Snnsweep.Silo.Tests.Cluster;
using StackExchange.Redis;

namespace Snnsweep.Deployment.Tests.Pods;

/// <summary>
/// A rendered overlay's pods started as local processes: a real redis-server that requires the Redis pod's password
/// and runs with its eviction policy (the StatefulSet's args, expanded as the kubelet expands them), and each
/// container's environment as the kubelet builds it, with only what exists solely in a cluster substituted: the
/// downward API's values, Redis's service address, the fixed ports every pod has on its own IP (free loopback ports
/// here, on the manifest's host), and volume mounts (folders of the test's).
/// </summary>
internal sealed class PodRig : IAsyncDisposable
{
    private PodRig(ManifestSet set, RedisServer redis, string password)
    {
        Set = set;
        Redis = redis;
        Password = password;
    }

    public ManifestSet Set { get; }

    public RedisServer Redis { get; }

    /// <summary>The password from the rendered Secret, as every pod reads it.</summary>
    public string Password { get; }

    /// <summary>A client connection string with the pods' password.</summary>
    public string RedisConnection => $"{Redis.ConnectionString},password={Password}";

    public static async Task<PodRig> StartAsync(string overlay)
    {
        var set = ManifestSet.Render(overlay);
        var redis = new RedisServer();
        try
        {
            var container = set.Named<V1StatefulSet>("redis").Spec.Template.Spec.Containers.Single();
            var environment = set.Environment(container);
            var args = container.Args.Select(a => PodEnvironment.Expand(a, environment)).ToList();
            var password = args[args.IndexOf("--requirepass") + 1];
            // Set at run time, since RedisServer starts without them.
            using (var admin = await ConnectionMultiplexer.ConnectAsync($"{redis.ConnectionString},allowAdmin=true"))
            {
                var server = admin.GetServer(admin.GetEndPoints().Single());
                await server.ConfigSetAsync("maxmemory-policy", args[args.IndexOf("--maxmemory-policy") + 1]);
                await server.ConfigSetAsync("requirepass", password);
            }
            return new PodRig(set, redis, password);
        }
        catch
        {
            redis.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The environment of <paramref name="workload"/>'s container <paramref name="container"/> in a pod named
    /// <paramref name="podName"/>, substituted as the class says; <paramref name="mounts"/> maps a mount path of the
    /// container to the local folder that stands in for it (every variable naming that path follows).
    /// </summary>
    public (Dictionary<string, string> Environment, int HttpPort) Environment(string workload, string container, string podName, IReadOnlyDictionary<string, string> mounts)
    {
        var spec = Set.Container(workload, container);
        var environment = Set.Environment(spec, new Dictionary<string, string> { ["metadata.name"] = podName, ["status.podIP"] = "127.0.0.1" });
        var service = Set.Named<V1Service>("redis");
        if (environment["Snnsweep__Redis"] != $"{service.Metadata.Name}:{service.Spec.Ports.Single().Port},password={Password}")
            throw new InvalidOperationException($"{workload}: Snnsweep__Redis is {environment["Snnsweep__Redis"]}, not the Redis service with the Secret's password");
        environment["Snnsweep__Redis"] = RedisConnection;
        var url = new Uri(environment["Snnsweep__Urls"]);
        var httpPort = LocalPorts.Free();
        environment["Snnsweep__Urls"] = $"{url.Scheme}://{url.Host}:{httpPort}";
        environment["Snnsweep__SiloPort"] = LocalPorts.Free().ToString(CultureInfo.InvariantCulture);
        environment["Snnsweep__GatewayPort"] = LocalPorts.Free().ToString(CultureInfo.InvariantCulture);
        foreach (var (mountPath, folder) in mounts)
        {
            if (!spec.VolumeMounts.Any(m => m.MountPath == mountPath)) throw new InvalidOperationException($"{workload}: no volume is mounted at {mountPath}");
            foreach (var key in environment.Keys.Where(k => environment[k] == mountPath || environment[k].StartsWith(mountPath + "/", StringComparison.Ordinal)).ToList())
                environment[key] = folder + environment[key][mountPath.Length..];
        }
        return (environment, httpPort);
    }

    public ValueTask DisposeAsync()
    {
        Redis.Dispose();
        return ValueTask.CompletedTask;
    }
}
