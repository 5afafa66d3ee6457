using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using k8s.Models;
using Snnsweep.Contracts;
using Snnsweep.Silo.Tests.Cluster;

namespace Snnsweep.Deployment.Tests.Pods;

/// <summary>
/// The CPU overlay as a cluster: two silo pods and the dashboard pod started from the rendered manifests (args and
/// environment verbatim but for <see cref="PodRig"/>'s substitutions) against a redis-server that requires the
/// Secret's password. All become ready; a sweep runs on both silos; a silo's /metrics reports the queue; a SIGTERM to
/// a silo with running trials (a drain, a scale-down) ends it within its grace period, and its trials finish on the
/// other silo from their checkpoints, each completed once.
/// </summary>
public sealed partial class ClusterPodTests : IAsyncLifetime
{
    // The demo's frames, integrated once for every test project that trains on it (as the data volume keeps them).
    private static readonly string SharedDataRoot = Path.Combine(Path.GetTempPath(), "snnsweep-tests-data");
    private readonly string _tokenFolder = Directory.CreateTempSubdirectory("snnsweep-pod-token-").FullName;
    private readonly List<PodProcess> _pods = [];
    private RedisClusterClient? _client;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var pod in _pods) pod.Dispose();
        if (_client is not null) await _client.DisposeAsync();
        Directory.Delete(_tokenFolder, recursive: true);
    }

    [RedisFact]
    public async Task Two_silos_and_the_dashboard_of_the_cpu_overlay_run_a_sweep_report_the_queue_and_a_terminated_silo_hands_its_trials_over()
    {
        await using var rig = await PodRig.StartAsync("overlays/cpu");
        _ = new Trainer.Data.DatasetCatalog(SharedDataRoot).Open(new Trainer.Data.DatasetRequest("demo", 2, Trainer.Data.Frames.FrameSlicing.Time));
        // The dashboard's token, as the Secret made by hand (k8s/README.md) would mount it.
        await File.WriteAllTextAsync(Path.Combine(_tokenFolder, "token"), $"{Guid.NewGuid():N}\n");

        var silo = rig.Set.Named<V1Deployment>("silo");
        var siloContainer = rig.Set.Container("silo", "silo");
        var silos = new List<(string Name, PodProcess Process, HttpClient Http)>();
        foreach (var name in new[] { "silo-7d9f-a1", "silo-7d9f-b2" })
        {
            var (environment, port) = rig.Environment("silo", "silo", name, new Dictionary<string, string> { ["/data"] = SharedDataRoot });
            var process = Start(siloContainer.Args, environment);
            silos.Add((name, process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) }));
        }
        var (dashboardEnvironment, dashboardPort) = rig.Environment("dashboard", "dashboard", "dashboard-5c4b-x9",
            new Dictionary<string, string> { ["/data"] = SharedDataRoot, ["/var/run/secrets/snnsweep"] = _tokenFolder });
        var dashboard = Start(rig.Set.Container("dashboard", "dashboard").Args, dashboardEnvironment);
        using var dashboardHttp = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{dashboardPort}"), Timeout = TimeSpan.FromSeconds(10) };

        // Ready within what the startup probes allow.
        var startup = siloContainer.StartupProbe;
        var patience = TimeSpan.FromSeconds(startup.PeriodSeconds!.Value * startup.FailureThreshold!.Value);
        foreach (var (name, process, http) in silos)
            await Readiness.WaitAsync(process.Process, new Uri(http.BaseAddress!, siloContainer.ReadinessProbe.HttpGet.Path).ToString(), () => process.Output, name, patience);
        await Readiness.WaitAsync(dashboard.Process, new Uri(dashboardHttp.BaseAddress!, "/health/ready").ToString(), () => dashboard.Output, "the dashboard", patience);
        Assert.Equal(200, (int)(await dashboardHttp.GetAsync("/")).StatusCode);

        // A sweep on the cluster, from a client with the pods' password: one trial per slot of the two silos.
        var grains = await ConnectAsync(rig, dashboardEnvironment);
        var slots = int.Parse(rig.Environment("silo", "silo", "any", new Dictionary<string, string>()).Environment["Snnsweep__Slots"], CultureInfo.InvariantCulture);
        var trials = 2 * slots;
        var sweep = grains.GetGrain<ISweepGrain>($"pods-{Guid.NewGuid():N}");
        await sweep.Create(new SweepSpec("baseline", "demo", """{"parameters":[{"type":"float","name":"lr","low":0.001,"high":0.01,"log":true}]}""",
            [new ObjectiveSpec("valAccuracy", true)], trials, Parallelism: trials, "sobol", "none", Seed: 5, 6,
            new() { ["data.trainSamples"] = "256", ["T"] = "2", ["model.layers"] = "4C3-AP2-AP2" }, MaxRetries: 1));

        // The queue as Prometheus (and KEDA behind it) reads it from a silo.
        var (firstName, first, firstHttp) = silos[0];
        await Until(async () => Sample(await firstHttp.GetStringAsync("/metrics"), "snnsweep_queue_leased") >= 1, "the first silo's /metrics to show leased trials", () => first.Output);

        var running = await Until(sweep, s => s.Trials.Count(t => t.Status == TrialStatus.Running && t.Owner?.StartsWith(firstName + "/", StringComparison.Ordinal) == true && t.EpochsDone >= 1) >= 1,
            $"a trial on {firstName} past its first epoch", silos);
        var handedOver = running.Trials.Where(t => t.Status == TrialStatus.Running && t.Owner?.StartsWith(firstName + "/", StringComparison.Ordinal) == true).Select(t => t.Number).ToArray();

        // SIGTERM, as the kubelet sends on a drain or scale-down; the pod must be gone before the grace period ends.
        var clock = Stopwatch.StartNew();
        first.Terminate();
        using (var grace = new CancellationTokenSource(TimeSpan.FromSeconds(silo.Spec.Template.Spec.TerminationGracePeriodSeconds!.Value)))
            await first.WaitForExitAsync(grace.Token);
        Assert.True(first.ExitCode == 0, $"exit code {first.ExitCode} after SIGTERM ({clock.Elapsed}):\n{first.Output}");
        Assert.DoesNotMatch(StackFrame(), first.Output);

        var done = await Until(sweep, s => s.Status == SweepStatus.Completed, "the sweep to complete on the other silo", silos, minutes: 8);
        Assert.All(done.Trials, t => Assert.Equal(TrialStatus.Completed, t.Status));
        Assert.All(done.Trials, t => Assert.Single(t.History, h => h.What == "completed"));
        Assert.All(done.Trials, t => Assert.Equal([1, 2, 3, 4, 5, 6], t.Curve.Select(e => e.Epoch)));
        foreach (var number in handedOver)
        {
            var trial = done.Trials[number];
            // Handed back (not lost to an expired lease) and resumed where it stopped, on the surviving silo.
            Assert.Contains(trial.History, h => h.What == "attempt 0 interrupted");
            Assert.DoesNotContain(trial.History, h => h.What.Contains("ended without a result", StringComparison.Ordinal));
            Assert.Contains(trial.History, h => h.What.StartsWith($"attempt 1 leased by {silos[1].Name}/", StringComparison.Ordinal));
            Assert.Contains(trial.History, h => h.What.StartsWith("attempt 1 resumed from the checkpoint of epoch", StringComparison.Ordinal));
        }
        foreach (var (_, _, http) in silos) http.Dispose();
    }

    private PodProcess Start(IEnumerable<string> args, Dictionary<string, string> environment)
    {
        var process = new PodProcess(args, environment);
        _pods.Add(process);
        return process;
    }

    private async Task<IGrainFactory> ConnectAsync(PodRig rig, IReadOnlyDictionary<string, string> environment)
    {
        _client = await RedisClusterClient.ConnectAsync(rig.RedisConnection, environment["ORLEANS_SERVICE_ID"], environment["ORLEANS_CLUSTER_ID"]);
        return _client.Grains;
    }

    /// <summary>The value of an unlabelled Prometheus sample (NaN when absent).</summary>
    private static double Sample(string exposition, string name)
    {
        var match = Regex.Match(exposition, $@"^{Regex.Escape(name)}(\{{[^}}]*\}})? (?<value>\S+)", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture) : double.NaN;
    }

    private static async Task Until(Func<Task<bool>> condition, string what, Func<string> output, double minutes = 3)
    {
        var deadline = DateTime.UtcNow.AddMinutes(minutes);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition()) return;
            }
            catch (HttpRequestException)
            {
                // Not serving yet; ask again.
            }
            await Task.Delay(300);
        }
        throw new TimeoutException($"waited {minutes} min for {what}:\n{output()}");
    }

    private static Task<SweepSnapshot> Until(ISweepGrain sweep, Func<SweepSnapshot, bool> condition, string what, List<(string Name, PodProcess Process, HttpClient Http)> silos, double minutes = 4) =>
        SweepWait.UntilAsync(sweep, condition, what, () => string.Join("\n---\n", silos.Select(s => s.Name + ":\n" + string.Join("\n", s.Process.Output.Split('\n').TakeLast(30)))), minutes);

    /// <summary>A .NET stack frame line: a graceful stop prints none.</summary>
    [GeneratedRegex(@"^\s+at \S+\(", RegexOptions.Multiline)]
    private static partial Regex StackFrame();
}
