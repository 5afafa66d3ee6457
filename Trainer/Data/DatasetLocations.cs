namespace Snnsweep.Trainer.Data;

/// <summary>
/// Where datasets are: every dataset under <see cref="DataRoot"/> in its released layout (docs/datasets.md), unless
/// <see cref="Folders"/> names a folder of its own (a read-only mount elsewhere: <c>Snnsweep:Datasets:n-caltech101</c>).
/// Frame packs and caches are always written under the data root.
/// </summary>
public sealed record DatasetLocations(string DataRoot, IReadOnlyDictionary<string, string>? Folders = null)
{
    /// <summary>The folder to look for <paramref name="dataset"/> in.</summary>
    public string RootOf(string dataset) =>
        Folders?.FirstOrDefault(f => string.Equals(f.Key, dataset, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } folder ? folder : DataRoot;

    /// <summary>Whether the dataset has a folder of its own in configuration.</summary>
    public bool HasOwnFolder(string dataset) => !string.Equals(RootOf(dataset), DataRoot, StringComparison.Ordinal);
}
