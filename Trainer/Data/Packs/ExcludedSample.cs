using Snnsweep.Trainer.Data.Definitions;

namespace Snnsweep.Trainer.Data.Packs;

/// <summary>A recording left out of its split because it could not be read or integrated.</summary>
/// <param name="Id">The sample's id in its dataset.</param>
/// <param name="Split">The split it belonged to.</param>
/// <param name="File">The file that holds it.</param>
/// <param name="Offset">Byte offset where reading failed (0 when the problem is not at a place in the file).</param>
/// <param name="Problem">What is wrong.</param>
public sealed record ExcludedSample(string Id, DatasetSplit Split, string File, long Offset, string Problem);
