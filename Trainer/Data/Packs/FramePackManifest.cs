namespace Snnsweep.Trainer.Data.Packs;

/// <summary>
/// What a frame pack holds, stored beside it as JSON: the identity it was built for, the sample id of every row
/// (index order) and the rows left out because their recording was bad (their values are zero and never read).
/// </summary>
public sealed record FramePackManifest(string Key, int Timesteps, int Channels, int Height, int Width, IReadOnlyList<string> Ids, IReadOnlyList<ExcludedSample> Excluded);
