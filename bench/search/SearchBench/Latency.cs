using System.Diagnostics;
using Snnsweep.Search.Samplers;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.SearchBench;

/// <summary>
/// Times GP proposals the way a sweep makes them: a history of <c>completed</c> finished trials in a
/// d-dimensional space, then one proposal after each new result, with the sampler kept alive so the
/// hyperparameter schedule and cache work as in a running sweep. Also times a cold proposal (a sampler
/// rebuilt from the same history, which pays for a full hyperparameter fit).
/// </summary>
internal static class Latency
{
    public static void Run(int completed, int dimensions, int proposals)
    {
        var space = new SearchSpace(Enumerable.Range(1, dimensions).Select(i => new FloatParameter($"x{i}", -5, 10)));
        var problem = new SearchProblem(space, Objective.Minimize("levy"));
        var random = new Snnsweep.Search.SeededRandom(17);
        var history = TrialHistory.Empty;
        for (var i = 0; i < completed; i++)
        {
            var configuration = space.SampleUniform(random);
            history = history.Add(Trial.Start(i, configuration).Complete([Levy(configuration, dimensions)]));
        }

        var cold = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            new GpSampler(i).Ask(problem, history);
            cold.Add(watch.Elapsed.TotalMilliseconds);
        }

        var sampler = new GpSampler(1);
        sampler.Ask(problem, history);
        var timings = new List<double>();
        for (var i = 0; i < proposals; i++)
        {
            var watch = Stopwatch.StartNew();
            var configuration = sampler.Ask(problem, history);
            timings.Add(watch.Elapsed.TotalMilliseconds);
            history = history.Add(Trial.Start(history.Count, configuration).Complete([Levy(configuration, dimensions)]));
        }
        timings.Sort();
        double Percentile(double p) => timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(p * timings.Count) - 1)];
        Console.WriteLine($"latency: {proposals} GP proposals, {completed}..{completed + proposals - 1} completed trials, {dimensions}-D, {Environment.ProcessorCount} cores");
        Console.WriteLine($"latency_ms p50 {Percentile(0.5):F1} p95 {Percentile(0.95):F1} max {timings[^1]:F1}");
        Console.WriteLine($"latency_cold_ms (sampler rebuilt from the history, full hyperparameter fit) median {cold.Order().ElementAt(1):F1}");
    }

    private static double Levy(Configuration c, int dimensions)
    {
        var w = Enumerable.Range(1, dimensions).Select(i => 1 + (c.GetNumber($"x{i}") - 1) / 4).ToArray();
        var sum = Math.Pow(Math.Sin(Math.PI * w[0]), 2);
        for (var i = 0; i < dimensions - 1; i++)
        {
            sum += Math.Pow(w[i] - 1, 2) * (1 + 10 * Math.Pow(Math.Sin(Math.PI * w[i] + 1), 2));
        }
        return sum + Math.Pow(w[^1] - 1, 2) * (1 + Math.Pow(Math.Sin(2 * Math.PI * w[^1]), 2));
    }
}
