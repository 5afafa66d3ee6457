namespace Snnsweep.Trainer.Tests;

/// <summary>
/// Tests that change libtorch's process-wide settings (thread count) run alone: other tests compare two runs
/// for exact equality, which a thread count changed between them would break.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GlobalTorchStateCollection
{
    public const string Name = "global torch state";
}
