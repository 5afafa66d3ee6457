namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// One labelled sample and where it lives: a whole file, an item inside a file (IDX, CIFAR-10 batches, N-Omniglot
/// drawers), or a time segment of a recording (DVS128 Gesture).
/// </summary>
/// <param name="Id">Stable id, unique within the dataset (used by the frame cache and the validation split).</param>
/// <param name="Label">Zero-based class index into <see cref="DatasetIndex.Classes"/>.</param>
/// <param name="File">Full path of the file that holds the sample.</param>
/// <param name="Item">Index of the sample inside <paramref name="File"/> when it holds several.</param>
/// <param name="StartUs">Segment start (inclusive) for time-segmented recordings.</param>
/// <param name="EndUs">Segment end (exclusive) for time-segmented recordings.</param>
public sealed record DatasetSample(string Id, int Label, DatasetSplit Split, string File, int Item = 0, long StartUs = 0, long EndUs = 0);
