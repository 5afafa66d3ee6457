namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>What one <see cref="ReleasedLayouts"/> method wrote.</summary>
/// <param name="Dataset">Dataset name of the dataset the files are laid out for (e.g. "n-mnist").</param>
/// <param name="Root">The folder to pass as <c>--root</c> (the one the method was given).</param>
/// <param name="Folder">The dataset's own folder under <paramref name="Root"/> (equal to it where the layout starts at the root).</param>
/// <param name="Files">Sample files in the layout (recordings, images, batches), excluding label/split lists.</param>
/// <param name="RealFiles">How many of them are real recordings or label files copied from <c>../shared/samples</c>.</param>
public sealed record WrittenDataset(string Dataset, string Root, string Folder, int Files, int RealFiles);
