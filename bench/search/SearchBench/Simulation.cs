using Snnsweep.Search.Samplers;
using Snnsweep.Search.Trials;

namespace Snnsweep.SearchBench;

/// <summary>Drives a sampler through a sweep, sequentially or with a fixed number of pending trials.</summary>
internal static class Simulation
{
    /// <returns>The simple regret (best value so far minus the optimum) after each completed trial.</returns>
    public static double[] Run(ISampler sampler, BenchmarkFunction function, int trials, int pendingAtOnce)
    {
        var problem = new SearchProblem(function.Space, Objective.Minimize(function.Name));
        var history = TrialHistory.Empty;
        var pending = new Queue<int>();
        var regrets = new double[trials];
        var best = double.PositiveInfinity;
        var started = 0;
        var completed = 0;
        while (completed < trials)
        {
            while (started < trials && pending.Count < pendingAtOnce)
            {
                var trial = Trial.Start(started, sampler.Ask(problem, history));
                history = history.Add(trial);
                pending.Enqueue(trial.Id);
                started++;
            }
            // The oldest pending trial finishes first, as in a cluster of equally fast workers.
            var id = pending.Dequeue();
            var finished = history.ById(id);
            var value = function.Evaluate(finished.Parameters);
            history = history.Replace(finished.Complete([value]));
            best = Math.Min(best, value);
            regrets[completed++] = Math.Max(0, best - function.Optimum);
        }
        return regrets;
    }
}
