using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Snnsweep.Contracts;
using Snnsweep.Grains.Trials;
using Snnsweep.Silo.Hosting;
using StackExchange.Redis;

// One sweep of 10,000 trials (one sleeping epoch each) on three silos of 8 slots sharing a real redis-server, as a
// cluster runs them. What must stay flat as the sweep grows: the coordinator's overhead per trial (idle slot time
// around each trial) and the bytes sent to Redis per trial, both measured over the 100 trials that end at trial
// 100, 1,000 and 10,000. Written as one blob, the trial table made each report cost more the longer the sweep ran.
var redisAddress = Text("--redis", "127.0.0.1:6379");
var trials = Arg("--trials", 10_000);
var silos = Arg("--silos", 3);
var slots = Arg("--slots", 8);
var epochMs = Arg("--epoch-ms", 500);
int[] marks = [.. new[] { 100, 1_000, 10_000 }.Where(m => m <= trials)];
const int Window = 100;

var run = $"scale-{DateTime.UtcNow:HHmmss}";
var folder = Directory.CreateTempSubdirectory("snnsweep-scale-bench-").FullName;
var runner = new SleepingTrialRunner(TimeSpan.FromMilliseconds(epochMs));
var hosts = new List<Microsoft.AspNetCore.Builder.WebApplication>();
for (var i = 0; i < silos; i++)
{
    var settings = new SiloSettings
    {
        Mode = SiloMode.Redis,
        Redis = redisAddress,
        ServiceId = run,
        ClusterId = run,
        SiloName = $"silo-{i}",
        DataRoot = folder,
        Slots = Enumerable.Repeat("cpu", slots).ToArray(),
        SiloPort = 21_111 + i,
        GatewayPort = 31_000 + i,
        Urls = "http://127.0.0.1:0",
        Quiet = true,
    };
    var host = SiloHost.Build(settings, configureServices: services => services.AddSingleton<ITrialRunner>(runner));
    await host.StartAsync();
    hosts.Add(host);
}
var grains = hosts[0].Services.GetRequiredService<IGrainFactory>();
await using var redis = await ConnectionMultiplexer.ConnectAsync(redisAddress + ",allowAdmin=true");
var server = redis.GetServer(redis.GetEndPoints()[0]);

const string Space = """{"parameters":[{"type":"float","name":"lr","low":0.0001,"high":0.1,"log":true},{"type":"int","name":"T","low":2,"high":8}]}""";
SweepSpec Spec(int count) => new("baseline", "demo", Space, [new ObjectiveSpec("valAccuracy", true)], count, silos * slots, "random", "none", 1, 1, [], 0);

// Warm-up on every slot, so JIT compilation and first activations are not counted.
var warmup = grains.GetGrain<ISweepGrain>($"{run}-warm-up");
await warmup.Create(Spec(silos * slots * 2));
while ((await warmup.GetSnapshot()).Status != SweepStatus.Completed) await Task.Delay(200);
runner.Reset();

// Redis' count of bytes received, read when the runner has finished each window's first and last trial. It holds
// everything the cluster sends (membership and reminder traffic too), so it can only overstate storage's share.
var samples = new Dictionary<int, long>();
// The process's own cost beside it: GC pause time (all three silos share this process) and the managed heap.
var pauses = new Dictionary<int, TimeSpan>();
var heaps = new Dictionary<int, long>();
var wanted = marks.SelectMany(m => new[] { m - Window, m }).Distinct().Order().ToArray();
var sampling = Task.Run(async () =>
{
    foreach (var count in wanted)
    {
        while (runner.Finished < count) await Task.Delay(5);
        samples[count] = await BytesIn();
        pauses[count] = GC.GetTotalPauseDuration();
        heaps[count] = GC.GetGCMemoryInfo().HeapSizeBytes;
    }
});

var sweep = grains.GetGrain<ISweepGrain>($"{run}-sweep");
var started = DateTime.UtcNow;
var clock = Stopwatch.StartNew();
await sweep.Create(Spec(trials));
var progress = 0;
while (runner.Finished < trials)
{
    await Task.Delay(1000);
    var done = runner.Finished;
    if (done * 10 / trials > progress)
    {
        progress = done * 10 / trials;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {done}/{trials} trials after {clock.Elapsed.TotalSeconds:F0} s"));
    }
}
await sampling;
SweepSnapshot snapshot;
while ((snapshot = await sweep.GetSnapshot()).Status != SweepStatus.Completed) await Task.Delay(500);
var wall = snapshot.Trials.Max(t => t.EndedAt!.Value) - started;
foreach (var host in hosts) await host.StopAsync();
foreach (var host in hosts) await host.DisposeAsync();
Directory.Delete(folder, recursive: true);

var total = wall.TotalSeconds * silos * slots;
var busy = runner.Busy.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{trials} trials x {epochMs} ms on {silos} silos x {slots} slots (redis): wall {wall.TotalSeconds:F1} s (ideal {trials * epochMs / 1000.0 / (silos * slots):F1} s), " +
    $"utilisation {busy / total:P2}, overhead per trial over the whole run {(total - busy) / trials * 1000:F1} ms"));
Console.WriteLine($"  completed {snapshot.Trials.Count(t => t.Status == TrialStatus.Completed)}/{trials}, each once: {snapshot.Trials.All(t => t.History.Count(h => h.What == "completed") == 1)}");

// Per trial: the gap on its slot since the slot's previous trial ended, plus lease-to-completion minus training.
var events = snapshot.Trials.Select(t => (
    t.Number,
    Owner: t.History.Last(h => h.What.Contains("leased by", StringComparison.Ordinal)).What.Split(' ').Last(),
    Leased: t.History.Last(h => h.What.Contains("leased by", StringComparison.Ordinal)).At,
    Completed: t.History.Last(h => h.What == "completed").At)).ToArray();
var overhead = new Dictionary<int, double>();
foreach (var slot in events.GroupBy(e => e.Owner))
{
    var ordered = slot.OrderBy(e => e.Leased).ToArray();
    for (var i = 1; i < ordered.Length; i++)
        overhead[ordered[i].Number] = (ordered[i].Leased - ordered[i - 1].Completed).TotalMilliseconds + (ordered[i].Completed - ordered[i].Leased).TotalMilliseconds - epochMs;
}
Console.WriteLine("  at trial | overhead per trial (mean, median, p90) | bytes to Redis per trial | GC pause per trial | managed heap");
foreach (var mark in marks)
{
    var window = overhead.Where(o => o.Key >= mark - Window && o.Key < mark).Select(o => o.Value).Order().ToArray();
    var bytes = (samples[mark] - samples[mark - Window]) / (double)Window;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  {mark,8} | {window.Average(),6:F1} ms, {window[window.Length / 2],6:F1} ms, {window[window.Length * 9 / 10],6:F1} ms | {bytes,9:F0} B " +
        $"| {(pauses[mark] - pauses[mark - Window]).TotalMilliseconds / Window,5:F2} ms | {heaps[mark] / 1048576.0,6:F0} MiB"));
}

async Task<long> BytesIn()
{
    var info = await server.InfoAsync("stats");
    return long.Parse(info.SelectMany(g => g).Single(kv => kv.Key == "total_net_input_bytes").Value, CultureInfo.InvariantCulture);
}

int Arg(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

string Text(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
