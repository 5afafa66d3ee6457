using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Snnsweep.Contracts;
using Snnsweep.Grains.Trials;
using Snnsweep.Silo.Hosting;

// 200 trials of one 1-second epoch on 8 slots of one embedded silo (SQLite storage and the dashboard's live
// feed, as on a workstation).
// Utilisation = busy slot-time / total slot-time; overhead per trial = idle slot-time / trials.
var trials = Arg("--trials", 200);
var slots = Arg("--slots", 8);
var epochMs = Arg("--epoch-ms", 1000);
var folder = Directory.CreateTempSubdirectory("snnsweep-cluster-bench-").FullName;
var runner = new SleepingTrialRunner(TimeSpan.FromMilliseconds(epochMs));
var settings = new SiloSettings
{
    DataRoot = folder,
    DatabasePath = Path.Combine(folder, "bench.db"),
    Slots = Enumerable.Repeat("cpu", slots).ToArray(),
    Urls = "http://127.0.0.1:0",
    Quiet = true,
};
await using var app = SiloHost.Build(settings, configureServices: services => services.AddSingleton<ITrialRunner>(runner));
await app.StartAsync();
var grains = app.Services.GetRequiredService<IGrainFactory>();

// Warm-up: a short sweep first, so JIT compilation and first activations are not counted as coordination.
var warmup = grains.GetGrain<ISweepGrain>("warm-up");
await warmup.Create(new SweepSpec("baseline", "demo", """{"parameters":[{"type":"float","name":"lr","low":0.0001,"high":0.1,"log":true}]}""",
    [new ObjectiveSpec("valAccuracy", true)], slots * 2, slots, "random", "none", 1, 1, [], 0));
while ((await warmup.GetSnapshot()).Status != SweepStatus.Completed) await Task.Delay(100);
runner.Reset();

var sweep = grains.GetGrain<ISweepGrain>("bench");
var spec = new SweepSpec("baseline", "demo", """{"parameters":[{"type":"float","name":"lr","low":0.0001,"high":0.1,"log":true}]}""",
    [new ObjectiveSpec("valAccuracy", true)], trials, slots, "random", "none", 1, 1, [], 0);

var started = DateTime.UtcNow;
await sweep.Create(spec);
SweepSnapshot snapshot;
while ((snapshot = await sweep.GetSnapshot()).Status != SweepStatus.Completed) await Task.Delay(250);
// The sweep's own record of when its last trial ended, so this loop's polling adds nothing.
var wall = snapshot.Trials.Max(t => t.EndedAt!.Value) - started;
await app.StopAsync();
Directory.Delete(folder, recursive: true);

var total = wall.TotalSeconds * slots;
var busy = runner.Busy.TotalSeconds;
var utilisation = busy / total;
var overheadMs = (total - busy) / trials * 1000;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{trials} trials x {epochMs} ms on {slots} slots: wall {wall.TotalSeconds:F1} s (ideal {trials * epochMs / 1000.0 / slots:F1} s)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  slot utilisation {utilisation:P2} (target >= 98 %)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  coordinator overhead per trial {overheadMs:F1} ms (target <= 50 ms; Ray Tune publishes about 140 ms)"));
Console.WriteLine($"  completed {snapshot.Trials.Count(t => t.Status == TrialStatus.Completed)}/{trials}, each once: {snapshot.Trials.All(t => t.History.Count(h => h.What == "completed") == 1)}");

// Where the idle time goes: from a trial's recorded completion to the next lease on the same slot.
var events = snapshot.Trials.Select(t => (
    Owner: t.History.Last(h => h.What.Contains("leased by", StringComparison.Ordinal)).What.Split(' ').Last(),
    Leased: t.History.Last(h => h.What.Contains("leased by", StringComparison.Ordinal)).At,
    Completed: t.History.Last(h => h.What == "completed").At)).ToArray();
var gaps = events.GroupBy(e => e.Owner).SelectMany(g =>
{
    var ordered = g.OrderBy(e => e.Leased).ToArray();
    return ordered.Zip(ordered.Skip(1), (a, b) => (b.Leased - a.Completed).TotalMilliseconds);
}).Order().ToArray();
// --gaps lists every gap over 50 ms with when it happened: stalls that hit all slots at once are global pauses.
if (args.Contains("--gaps"))
{
    foreach (var g in events.GroupBy(e => e.Owner))
    {
        var o = g.OrderBy(e => e.Leased).ToArray();
        foreach (var (a, b) in o.Zip(o.Skip(1)))
            if ((b.Leased - a.Completed).TotalMilliseconds > 50) Console.WriteLine($"    long gap {g.Key} at {(a.Completed - started).TotalSeconds:F2} s: {(b.Leased - a.Completed).TotalMilliseconds:F0} ms");
    }
}
var leaseToComplete = events.Select(e => (e.Completed - e.Leased).TotalMilliseconds - epochMs).Order().ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  completed -> next lease on the slot: median {gaps[gaps.Length / 2]:F1} ms, p90 {gaps[gaps.Length * 9 / 10]:F1} ms; lease -> completed minus training: median {leaseToComplete[leaseToComplete.Length / 2]:F1} ms"));
// The two ends of the run, which no steady-state gap shows: creation to each slot's first lease (start-up), and
// each slot's last completion to the end of the sweep (a slot with no ticket left while others finish).
var end = started + wall;
var ramp = events.GroupBy(e => e.Owner).Select(g => (g.Min(e => e.Leased) - started).TotalMilliseconds).Order().ToArray();
var tail = events.GroupBy(e => e.Owner).Select(g => (end - g.Max(e => e.Completed)).TotalMilliseconds).Order().ToArray();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  start-up to first lease per slot: median {ramp[ramp.Length / 2]:F0} ms, max {ramp[^1]:F0} ms; idle tail per slot: median {tail[tail.Length / 2]:F0} ms, max {tail[^1]:F0} ms; trials per slot {string.Join(' ', events.GroupBy(e => e.Owner).Select(g => g.Count()))}"));

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
