namespace Snnsweep.Trainer.Data;

/// <summary>Samples of one split that were used, and those left out because their recording could not be read.</summary>
public sealed record SplitCount(string Split, int Used, int Excluded);
