namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>The samples of a dataset found under a root folder, with the class list their labels index.</summary>
public sealed record DatasetIndex(string Dataset, IReadOnlyList<string> Classes, IReadOnlyList<DatasetSample> Samples)
{
    public IEnumerable<DatasetSample> In(DatasetSplit split) => Samples.Where(s => s.Split == split);

    public int Count(DatasetSplit split) => Samples.Count(s => s.Split == split);

    /// <summary>The same index with a deterministic validation split carved from Train (see <see cref="ValidationSplitter"/>).</summary>
    public DatasetIndex WithValidation(double fraction, int seed) => ValidationSplitter.Carve(this, fraction, seed);
}
