using Snnsweep.Trainer.Data.Packs;

namespace Snnsweep.Trainer.Data;

/// <summary>What a run trained and was measured on: samples used and left out per split, and every recording left out with why.</summary>
public sealed record DatasetReport(string Folder, string Frames, IReadOnlyList<SplitCount> Splits, IReadOnlyList<ExcludedSample> Excluded)
{
    /// <summary>The demo has no folder and leaves nothing out.</summary>
    public static DatasetReport ForDemo(string name, string frames, DatasetSplits splits) => new($"(built in: {name})", frames,
        [new("train", splits.Train.Count, 0), new("validation", splits.Validation.Count, 0), new("test", splits.Test.Count, 0)], []);
}
