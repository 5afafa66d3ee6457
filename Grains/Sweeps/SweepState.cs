using Snnsweep.Grains.Contracts;

namespace Snnsweep.Grains.Sweeps;

/// <summary>What a sweep grain persists: its spec and trial table. The sampler keeps no state of its own.</summary>
[GenerateSerializer, Alias("snnsweep.SweepState")]
public sealed class SweepState
{
    [Id(0)] public SweepSpec? Spec { get; set; }
    [Id(1)] public SweepStatus Status { get; set; }
    [Id(2)] public List<TrialRecord> Trials { get; set; } = [];
    [Id(3)] public DateTime CreatedAt { get; set; }
    [Id(4)] public long Version { get; set; }
    [Id(5)] public int Budget { get; set; }
}
