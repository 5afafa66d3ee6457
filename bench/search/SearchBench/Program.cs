using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Snnsweep.Search.Samplers;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;
using Snnsweep.SearchBench;

// Runs samplers of this library on the suite and writes, per (sampler, function, seed), the simple regret
// after each completed trial. Usage:
//   SearchBench run --samplers gp,tpe,gp-batch --seeds 20 --trials 100 --threads 2 --out ours.json
//   SearchBench latency --completed 200 --dimensions 10 --proposals 60
var command = args.Length > 0 ? args[0] : "run";
var options = ParseOptions(args.Skip(1).ToArray());
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

if (command == "latency")
{
    Latency.Run(
        int.Parse(options.GetValueOrDefault("completed", "200")),
        int.Parse(options.GetValueOrDefault("dimensions", "10")),
        int.Parse(options.GetValueOrDefault("proposals", "60")));
    return;
}

var samplers = options.GetValueOrDefault("samplers", "gp,tpe,gp-batch").Split(',');
var functions = options.GetValueOrDefault("functions", string.Join(',', BenchmarkFunction.Suite.Select(f => f.Name))).Split(',');
var seeds = int.Parse(options.GetValueOrDefault("seeds", "20"));
var trials = int.Parse(options.GetValueOrDefault("trials", "100"));
var threads = int.Parse(options.GetValueOrDefault("threads", "2"));
var output = options.GetValueOrDefault("out", "ours.json");

var jobs = (from sampler in samplers from function in functions from seed in Enumerable.Range(0, seeds) select (sampler, function, seed)).ToList();
var results = new ConcurrentBag<RunResult>();
var clock = Stopwatch.StartNew();
var done = 0;
Parallel.ForEach(jobs, new ParallelOptions { MaxDegreeOfParallelism = threads }, job =>
{
    var function = BenchmarkFunction.ByName(job.function);
    var (name, batch) = job.sampler.EndsWith("-batch", StringComparison.Ordinal) ? (job.sampler[..^6], 4) : (job.sampler, 1);
    var sampler = CreateSampler(name, job.seed);
    var watch = Stopwatch.StartNew();
    var regrets = Simulation.Run(sampler, function, trials, batch);
    results.Add(new RunResult(job.sampler, job.function, job.seed, regrets, watch.Elapsed.TotalSeconds));
    var finished = Interlocked.Increment(ref done);
    Console.Error.WriteLine($"[{clock.Elapsed:mm\\:ss}] {finished}/{jobs.Count} {job.sampler} {job.function} seed {job.seed}: regret@25 {regrets[24]:G4} @50 {regrets[49]:G4} @{trials} {regrets[^1]:G4} ({watch.Elapsed.TotalSeconds:F1} s)");
});
var ordered = results.OrderBy(r => r.Sampler).ThenBy(r => r.Function).ThenBy(r => r.Seed).ToList();
File.WriteAllText(output, JsonSerializer.Serialize(ordered, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
Console.Error.WriteLine($"wrote {ordered.Count} runs to {output} in {clock.Elapsed.TotalSeconds:F0} s");

static ISampler CreateSampler(string name, int seed) => name switch
{
    "gp" => new GpSampler(seed),
    "tpe" => new TpeSampler(seed),
    "random" => new RandomSampler(seed),
    "sobol" => new SobolSampler(seed),
    _ => throw new ArgumentException($"Unknown sampler '{name}'."),
};

static Dictionary<string, string> ParseOptions(string[] args)
{
    var options = new Dictionary<string, string>();
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        options[args[i].TrimStart('-')] = args[i + 1];
    }
    return options;
}

internal sealed record RunResult(string Sampler, string Function, int Seed, double[] Regret, double Seconds);
