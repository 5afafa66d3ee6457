using Snnsweep.Trainer.Data.Events;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// How a dataset lies on disk, its classes and splits as the papers use them, and which static
/// dataset pairs with it. Implement <see cref="IEventDatasetDefinition"/> or <see cref="IStaticDatasetDefinition"/>
/// and pass it to <see cref="DatasetDefinitions"/> to add a dataset; <see cref="DatasetCatalog"/> opens every registered event
/// dataset for training (the built-in demo is simulated there, not registered).
/// </summary>
public interface IDatasetDefinition
{
    /// <summary>Dataset name, lower-case with dashes (e.g. "n-caltech101").</summary>
    string Name { get; }

    DatasetDomain Domain { get; }

    /// <summary>One line for <c>--help</c> and docs.</summary>
    string Description { get; }

    /// <summary>The folder layout expected under the data root, as shown to users when it is not found.</summary>
    string ExpectedLayout { get; }

    /// <summary>Native sensor or image size; null when it varies per sample.</summary>
    SensorSize? Size { get; }

    /// <summary>Dataset name of the paired dataset of the other domain, or null.</summary>
    string? PairedDataset { get; }

    /// <summary>Scans <paramref name="root"/> and lists the samples with labels and splits; throws <see cref="DatasetLayoutException"/> when the layout is not there.</summary>
    DatasetIndex Index(string root);
}
