namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// The datasets <see cref="DatasetCatalog"/> can open, by name: how each lies on disk and reads (not the data itself; the
/// catalog is the way in to that). <see cref="CreateDefault"/> holds every real dataset; other definitions (tests, a
/// dataset of your own) are added by passing them in or with <see cref="Register"/>.
/// </summary>
public sealed class DatasetDefinitions
{
    private readonly Dictionary<string, IDatasetDefinition> _definitions = new(StringComparer.OrdinalIgnoreCase);

    public DatasetDefinitions(IEnumerable<IDatasetDefinition> definitions)
    {
        foreach (var definition in definitions) Register(definition);
    }

    /// <summary>All real datasets, plus <paramref name="additional"/>.</summary>
    public static DatasetDefinitions CreateDefault(IEnumerable<IDatasetDefinition>? additional = null) =>
        new(BuiltInDatasets.All().Concat(additional ?? []));

    public IReadOnlyCollection<IDatasetDefinition> All => _definitions.Values.OrderBy(d => d.Domain).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();

    public void Register(IDatasetDefinition definition)
    {
        if (!_definitions.TryAdd(definition.Name, definition))
            throw new ArgumentException($"A dataset named '{definition.Name}' is already registered.", nameof(definition));
    }

    public bool TryGet(string name, out IDatasetDefinition definition) => _definitions.TryGetValue(name, out definition!);

    /// <summary>The definition, or an error listing the known names.</summary>
    public IDatasetDefinition Get(string name) =>
        TryGet(name, out var d) ? d : throw new KeyNotFoundException($"Unknown dataset '{name}'. Known: {string.Join(", ", All.Select(x => x.Name))}.");

    /// <summary>The static partner of an event dataset, with its class map, or null when none is registered.</summary>
    public (IStaticDatasetDefinition Dataset, CrossDomainClassMap Classes)? Pair(IEventDatasetDefinition eventDataset, string eventRoot, string staticRoot)
    {
        if (eventDataset.PairedDataset is null || !TryGet(eventDataset.PairedDataset, out var partner) || partner is not IStaticDatasetDefinition staticDataset) return null;
        var map = CrossDomainClassMap.Build(eventDataset.Index(eventRoot).Classes, staticDataset.Index(staticRoot).Classes);
        return (staticDataset, map);
    }
}
