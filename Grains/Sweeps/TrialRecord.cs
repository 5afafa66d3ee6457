using Snnsweep.Contracts;

namespace Snnsweep.Grains.Sweeps;

/// <summary>A trial in the sweep grain's persisted state. Mutated only on the grain's turns.</summary>
[GenerateSerializer, Alias("snnsweep.TrialRecord")]
public sealed class TrialRecord
{
    [Id(0)] public int Number { get; set; }
    [Id(1)] public TrialStatus Status { get; set; }
    [Id(2)] public Dictionary<string, string> Parameters { get; set; } = [];

    /// <summary>The attempt whose reports count; a slot that leases a later attempt takes over.</summary>
    [Id(3)] public int Attempt { get; set; }
    [Id(4)] public string? Owner { get; set; }
    [Id(5)] public List<EpochReport> Curve { get; set; } = [];
    [Id(6)] public Dictionary<string, double> Metrics { get; set; } = [];
    [Id(7)] public string? Error { get; set; }
    [Id(8)] public int Failures { get; set; }
    [Id(9)] public List<TrialEvent> History { get; set; } = [];
    [Id(10)] public DateTime? StartedAt { get; set; }
    [Id(11)] public DateTime? EndedAt { get; set; }

    /// <summary>The complete configuration the completed attempt trained with (trainer key -&gt; value), when its runner reported it.</summary>
    [Id(12)] public Dictionary<string, string>? Config { get; set; }

    public bool IsFinished => Status is TrialStatus.Completed or TrialStatus.Pruned or TrialStatus.Failed;

    public void Log(string what) => History.Add(new TrialEvent(DateTime.UtcNow, what));

    public TrialSummary ToSummary() => new(Number, Status, new(Parameters), Attempt, Owner, Curve.ToArray(), new(Metrics), Error, History.ToArray(), StartedAt, EndedAt);
}
