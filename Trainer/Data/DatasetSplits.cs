namespace Snnsweep.Trainer.Data;

/// <summary>
/// The event-domain splits of a dataset: the search tunes on <see cref="Validation"/> (carved from the
/// training data), and <see cref="Test"/> is only for reporting the selected configuration.
/// <see cref="Report"/> says where the data came from and what was left out.
/// </summary>
public sealed record DatasetSplits(string Name, FrameDataset Train, FrameDataset Validation, FrameDataset Test, StaticImageSet? Static, DatasetReport? Report = null);
