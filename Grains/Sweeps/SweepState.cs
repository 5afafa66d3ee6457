using Snnsweep.Contracts;

namespace Snnsweep.Grains.Sweeps;

/// <summary>
/// What a sweep grain persists in its own state: its spec, status and budget, and how many trials it has; each trial
/// is stored on its own (<see cref="TrialRecordStore"/>). The sampler keeps no state of its own.
/// </summary>
[GenerateSerializer, Alias("snnsweep.SweepState")]
public sealed class SweepState
{
    [Id(0)] public SweepSpec? Spec { get; set; }
    [Id(1)] public SweepStatus Status { get; set; }
    /// <summary>The whole trial table, as versions before per-trial storage wrote it: read once, then moved out and left empty.</summary>
    [Id(2)] public List<TrialRecord> Trials { get; set; } = [];
    [Id(3)] public DateTime CreatedAt { get; set; }
    [Id(4)] public long Version { get; set; }
    [Id(5)] public int Budget { get; set; }

    /// <summary>Trials 0..TrialCount-1 are stored as "sweep.trial.N" under the sweep's grain id.</summary>
    [Id(6)] public int TrialCount { get; set; }
}
