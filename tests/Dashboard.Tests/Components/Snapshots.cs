using Snnsweep.Contracts;

namespace Snnsweep.Dashboard.Tests.Components;

/// <summary>Sweep snapshots for tests, built the way the sweep grain builds them.</summary>
internal static class Snapshots
{
    public const string Space = """{"parameters":[{"type":"float","name":"lr","low":0.0001,"high":0.1,"log":true},{"type":"categorical","name":"loss","choices":["crossentropy","tet"]}]}""";

    public static readonly DateTime Start = new(2026, 11, 23, 10, 0, 0, DateTimeKind.Utc);

    public static SweepSpec Spec(bool twoObjectives = false) => new("baseline", "demo", Space,
        twoObjectives ? [new ObjectiveSpec("valAccuracy", true), new ObjectiveSpec("avgTimestep", false)] : [new ObjectiveSpec("valAccuracy", true)],
        Trials: 10, Parallelism: 2, "gp", "asha", Seed: 3, Epochs: 4, new Dictionary<string, string> { ["data.trainSamples"] = "64" }, MaxRetries: 1);

    public static TrialSummary Trial(int number, TrialStatus status, double? accuracy = null, string lr = "0.001", string loss = "tet",
        double? avgTimestep = null, int endedMinute = 0, int epochs = 2, string? error = null)
    {
        var metrics = new Dictionary<string, double>();
        if (accuracy is { } a) metrics["valAccuracy"] = a;
        if (avgTimestep is { } t) metrics["avgTimestep"] = t;
        var curve = Enumerable.Range(1, epochs).Select(e => new EpochReport(e, 1.0 / e, (accuracy ?? 0.5) * e / epochs, avgTimestep ?? 8, 1.5)).ToArray();
        var ended = status is TrialStatus.Completed or TrialStatus.Pruned or TrialStatus.Failed ? Start.AddMinutes(endedMinute) : (DateTime?)null;
        return new TrialSummary(number, status, new Dictionary<string, string> { ["lr"] = lr, ["loss"] = loss }, 0,
            status == TrialStatus.Running ? "silo-a/0" : null, curve, metrics, error,
            [new TrialEvent(Start, "queued"), new TrialEvent(Start.AddSeconds(1), "leased by silo-a/0")], Start, ended);
    }

    public static SweepSnapshot Sweep(string id, SweepStatus status, TrialSummary[] trials, int? best = null, int[]? front = null, bool twoObjectives = false, long version = 1) =>
        new(id, Spec(twoObjectives), status, trials, best, front ?? [], Start, version);
}
