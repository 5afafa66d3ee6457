using Microsoft.Extensions.Configuration;
using Snnsweep.Contracts;
using Snnsweep.Silo.Hosting.Kubernetes;

namespace Snnsweep.Silo.Tests.Cluster;

/// <summary>
/// Silos in pods: each one's <see cref="PodAgent"/> publishes its busy slots as the pod's deletion cost and takes a
/// silo whose pod is gone out of membership. Two real silo processes on a real redis-server with a pod's environment
/// (POD_NAME, POD_NAMESPACE, Snnsweep__Kubernetes as the kubelet's KUBERNETES_SERVICE_HOST would turn it on); the
/// one substitution is the API server, a loopback stand-in (<see cref="KubernetesApiStandIn"/>).
/// </summary>
public sealed class PodAgentTests : IAsyncLifetime
{
    private const string Namespace = "snnsweep";
    private const string Cost = PodAgent.DeletionCostAnnotation;
    private static readonly string SharedDataRoot = Path.Combine(Path.GetTempPath(), "snnsweep-tests-data");
    private readonly List<SiloProcess> _silos = [];
    private RedisServer _redis = null!;
    private KubernetesApiStandIn _api = null!;
    private RedisClusterClient? _client;

    public async Task InitializeAsync()
    {
        _redis = new RedisServer();
        _api = new KubernetesApiStandIn(Namespace, KubernetesSettings.DefaultPodSelector);
        await _api.StartAsync();
        _ = new Trainer.Data.DatasetCatalog(SharedDataRoot).Open(new Trainer.Data.DatasetRequest("demo", 2, Trainer.Data.Frames.FrameSlicing.Time));
    }

    public async Task DisposeAsync()
    {
        foreach (var silo in _silos) silo.Dispose();
        if (_client is not null) await _client.DisposeAsync();
        await _api.DisposeAsync();
        _redis.Dispose();
    }

    [RedisFact]
    public async Task A_pod_advertises_its_busy_slots_as_its_deletion_cost_and_a_silo_whose_pod_is_deleted_is_declared_dead_by_the_others()
    {
        foreach (var name in new[] { "silo-a", "silo-b" })
        {
            _api.AddPod(name);
            var silo = new SiloProcess(name, _redis.ConnectionString, SharedDataRoot, slots: 1, leaseSeconds: 10, environment: new Dictionary<string, string>
            {
                ["POD_NAME"] = name,
                ["POD_NAMESPACE"] = Namespace,
                ["Snnsweep__Kubernetes"] = "on",
                ["Snnsweep__KubernetesApi"] = _api.Url,
            });
            _silos.Add(silo);
        }
        foreach (var silo in _silos) await silo.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        await Until(() => _api.PatchedValues("silo-a", Cost).Contains("0") && _api.PatchedValues("silo-b", Cost).Contains("0"), "both pods to publish an idle deletion cost");

        // One trial per slot: each pod's cost goes to 1 while it trains and back to 0 once the sweep is done.
        var grains = await ConnectAsync();
        var sweep = grains.GetGrain<ISweepGrain>($"pods-{Guid.NewGuid():N}");
        await sweep.Create(new SweepSpec("baseline", "demo", """{"parameters":[{"type":"float","name":"lr","low":0.001,"high":0.01,"log":true}]}""",
            [new ObjectiveSpec("valAccuracy", true)], 2, Parallelism: 2, "sobol", "none", Seed: 3, 8,
            new() { ["data.trainSamples"] = "256", ["T"] = "2", ["model.layers"] = "4C3-AP2-AP2" }, MaxRetries: 1));
        var owners = new HashSet<string>();
        await Until(async () =>
        {
            var snapshot = await sweep.GetSnapshot();
            owners.UnionWith(snapshot.Trials.Where(t => t.Status == TrialStatus.Running && t.Owner is not null).Select(t => t.Owner!.Split('/')[0]));
            return snapshot.Status == SweepStatus.Completed;
        }, "the sweep to complete", minutes: 6);
        Assert.NotEmpty(owners);
        await Until(() => _api.PatchedValues("silo-a", Cost).LastOrDefault() == "0" && _api.PatchedValues("silo-b", Cost).LastOrDefault() == "0", "both pods to be idle again");
        foreach (var pod in owners)
        {
            var states = Collapse(_api.PatchedValues(pod, Cost)).ToList();
            Assert.True(states is ["0", .., "0"] && states.Contains("1"), $"{pod}'s deletion cost went {string.Join(" -> ", states)}");
        }

        // The node of silo-b is lost: its process dies and its pod leaves the API. silo-a declares it dead.
        var victim = _silos.Single(s => s.Name == "silo-b");
        victim.Kill();
        _api.DeletePod("silo-b");
        var management = grains.GetGrain<IManagementGrain>(0);
        await Until(async () => (await management.GetDetailedHosts(onlyActive: false)).Any(h => h.SiloName == "silo-b" && h.Status == SiloStatus.Dead),
            "silo-b to be declared dead");
        Assert.Contains("pod silo-b is gone; declaring its silo", _silos.Single(s => s.Name == "silo-a").Output, StringComparison.Ordinal);
        Assert.True((await management.GetDetailedHosts(onlyActive: true)).Single().SiloName == "silo-a");
    }

    [Fact]
    public void Only_an_active_other_silo_whose_pod_was_seen_and_is_gone_is_declared_dead()
    {
        var members = new[]
        {
            new SiloMember("self", Active: true, IsSelf: true),
            new SiloMember("gone", Active: true, IsSelf: false),
            new SiloMember("terminating", Active: true, IsSelf: false),
            new SiloMember("workstation", Active: true, IsSelf: false),
            new SiloMember("already-dead", Active: false, IsSelf: false),
        };
        var seen = new HashSet<string> { "self", "gone", "terminating", "already-dead" };
        var live = new HashSet<string> { "terminating" };

        Assert.Equal(["gone"], PodAgent.SilosWithoutPods(members, live, seen));
        Assert.Empty(PodAgent.SilosWithoutPods(members, seen, seen));
    }

    [Fact]
    public void The_agent_turns_on_in_a_pod_and_says_which_downward_api_value_is_missing()
    {
        static KubernetesSettings From(params (string Key, string Value)[] values) =>
            KubernetesSettings.From(new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build());

        Assert.False(From().Enabled);
        Assert.True(From(("KUBERNETES_SERVICE_HOST", "10.0.0.1"), ("POD_NAME", "silo-x"), ("POD_NAMESPACE", "snnsweep")).Enabled);
        Assert.False(From(("KUBERNETES_SERVICE_HOST", "10.0.0.1"), ("Snnsweep:Kubernetes", "off")).Enabled);
        var missing = Assert.Throws<ArgumentException>(() => From(("KUBERNETES_SERVICE_HOST", "10.0.0.1"), ("POD_NAME", "silo-x")));
        Assert.Contains("POD_NAMESPACE", missing.Message);
        Assert.Contains("'sometimes'", Assert.Throws<ArgumentException>(() => From(("Snnsweep:Kubernetes", "sometimes"))).Message);
    }

    /// <summary>Consecutive repeats merged: the states a pod's cost went through.</summary>
    private static IEnumerable<string> Collapse(IEnumerable<string> values)
    {
        string? last = null;
        foreach (var value in values)
        {
            if (value != last) yield return value;
            last = value;
        }
    }

    private async Task<IGrainFactory> ConnectAsync()
    {
        _client = await RedisClusterClient.ConnectAsync(_redis.ConnectionString);
        return _client.Grains;
    }

    private Task Until(Func<bool> condition, string what, double minutes = 2) => Until(() => Task.FromResult(condition()), what, minutes);

    private async Task Until(Func<Task<bool>> condition, string what, double minutes = 2)
    {
        var deadline = DateTime.UtcNow.AddMinutes(minutes);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                // The cluster is reorganising after a kill; ask again.
            }
            await Task.Delay(300);
        }
        string patches;
        lock (_api.Patches) patches = string.Join(", ", _api.Patches.Select(p => $"{p.Pod}:{string.Join(';', p.Annotations.Select(a => a.Value))}"));
        throw new TimeoutException($"waited {minutes} min for {what}; patches: {patches}\n" +
            string.Join("\n---\n", _silos.Select(s => s.Name + ":\n" + string.Join("\n", s.Output.Split('\n').TakeLast(30)))));
    }
}
