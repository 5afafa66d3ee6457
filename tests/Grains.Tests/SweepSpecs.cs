using Snnsweep.Contracts;

namespace Snnsweep.Grains.Tests;

internal static class SweepSpecs
{
    public const string LearningRateSpace = """
        {"parameters":[{"type":"float","name":"lr","low":0.0001,"high":1,"log":true}]}
        """;

    public static SweepSpec Small(int trials = 6, int parallel = 2, int epochs = 3, string pruner = "none", string sampler = "random", int retries = 1) =>
        new("baseline", "demo", LearningRateSpace, [new ObjectiveSpec("valAccuracy", true)], trials, parallel, sampler, pruner, 7, epochs, new() { ["T"] = "4" }, retries);

    public static async Task<SweepSnapshot> WaitFor(ISweepGrain sweep, Func<SweepSnapshot, bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        SweepSnapshot snapshot;
        do
        {
            snapshot = await sweep.GetSnapshot();
            if (condition(snapshot)) return snapshot;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"waited {seconds} s for {what}; status {snapshot.Status}, trials: " +
            string.Join("; ", snapshot.Trials.Select(t => $"{t.Number}:{t.Status}/a{t.Attempt}/e{t.EpochsDone}")));
    }
}
