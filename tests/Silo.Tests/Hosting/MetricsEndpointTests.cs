using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Snnsweep.Contracts;
using Snnsweep.Silo.Hosting;
using Snnsweep.Silo.Tests.Cluster;

namespace Snnsweep.Silo.Tests.Hosting;

/// <summary>A silo serves Prometheus metrics at /metrics: its slots, the trials it ran, the cluster's queue, Orleans' own.</summary>
public sealed partial class MetricsEndpointTests : IDisposable
{
    private static readonly string SharedDataRoot = Path.Combine(Path.GetTempPath(), "snnsweep-tests-data");
    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-metrics-").FullName;

    [Fact]
    public async Task Metrics_count_the_slots_the_trials_and_their_epochs_and_show_the_queue()
    {
        var port = LocalPorts.Free();
        var settings = new SiloSettings
        {
            DataRoot = SharedDataRoot,
            DatabasePath = Path.Combine(_folder, "cluster.db"),
            Slots = ["cpu"],
            Urls = $"http://127.0.0.1:{port}",
            Quiet = true,
            SiloPort = LocalPorts.Free(),
            GatewayPort = LocalPorts.Free(),
        };
        var id = $"metrics-{Guid.NewGuid():N}";
        var spec = new SweepSpec("baseline", "demo", """{"parameters":[{"type":"float","name":"lr","low":0.001,"high":0.01,"log":true}]}""",
            [new ObjectiveSpec("valAccuracy", true)], Trials: 2, Parallelism: 1, "random", "none", Seed: 3, Epochs: 2,
            new Dictionary<string, string> { ["data.trainSamples"] = "64", ["T"] = "2", ["model.layers"] = "4C3-AP2-AP2", ["batchSize"] = "32" }, MaxRetries: 0);

        await using var silo = SiloHost.Build(settings);
        await silo.StartAsync();
        var sweep = silo.Services.GetRequiredService<IGrainFactory>().GetGrain<ISweepGrain>(id);
        await sweep.Create(spec);
        var deadline = DateTime.UtcNow.AddMinutes(3);
        SweepSnapshot snapshot;
        while ((snapshot = await sweep.GetSnapshot()).Status != SweepStatus.Completed && DateTime.UtcNow < deadline) await Task.Delay(200);
        var status = snapshot.Status;
        var trials = string.Join(" || ", snapshot.Trials.Select(t => $"{t.Number}: " + string.Join(" | ", t.History.Select(h => h.What))));
        // The queue gauges refresh every few seconds, and a slot is busy until the sweep has acknowledged its last
        // report: wait (within the deadline) until they show the queue emptied and the slot free.
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        Dictionary<string, List<(string Labels, double Value)>> metrics;
        do
        {
            await Task.Delay(500);
            metrics = Parse(await http.GetStringAsync("/metrics"));
        }
        while (!(Shows(metrics, "snnsweep_queue_waiting", 0) && Shows(metrics, "snnsweep_queue_leased", 0) && Shows(metrics, "snnsweep_slots_busy", 0))
               && DateTime.UtcNow < deadline);
        await silo.StopAsync();

        Assert.True(status == SweepStatus.Completed, $"the sweep is {status} after 3 minutes; the trials: {trials}");
        Assert.Equal(1, metrics["snnsweep_slots"].Single().Value);
        Assert.True(metrics["snnsweep_slots_busy"].Single().Value == 0, $"the slot is still busy; the trials: {trials}");
        Assert.Equal(0, metrics["snnsweep_queue_waiting"].Single().Value);
        Assert.Equal(0, metrics["snnsweep_queue_leased"].Single().Value);
        var outcomes = string.Join(", ", metrics["snnsweep_trial_attempts_total"].Select(m => $"{m.Labels} = {m.Value}"));
        Assert.True(metrics["snnsweep_trial_attempts_total"].Single(m => m.Labels.Contains("outcome=\"completed\"")).Value == 2,
            $"two completed attempts expected; the counter shows {outcomes}; the trials: {trials}");
        Assert.Equal(4, metrics["snnsweep_trial_epochs_total"].Single().Value);
        Assert.Contains(metrics.Keys, name => name.StartsWith("orleans_", StringComparison.Ordinal));
    }

    private static bool Shows(Dictionary<string, List<(string Labels, double Value)>> metrics, string name, double value) =>
        metrics.TryGetValue(name, out var samples) && samples.Count == 1 && samples[0].Value == value;

    /// <summary>Prometheus text format: name{labels} value, comments skipped.</summary>
    private static Dictionary<string, List<(string Labels, double Value)>> Parse(string text)
    {
        var metrics = new Dictionary<string, List<(string, double)>>();
        foreach (Match m in Sample().Matches(text))
        {
            if (!double.TryParse(m.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) continue;
            var name = m.Groups["name"].Value;
            if (!metrics.TryGetValue(name, out var list)) metrics[name] = list = [];
            list.Add((m.Groups["labels"].Value, value));
        }
        return metrics;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
