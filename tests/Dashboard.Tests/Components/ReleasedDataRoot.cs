using Snnsweep.Tests.DatasetFixtures;
using Snnsweep.Trainer.Data;

namespace Snnsweep.Dashboard.Tests.Components;

/// <summary>
/// A data root with a few datasets in their released layouts: N-MNIST without MNIST (found, partner missing), CEP-DVS with
/// its images (found, frames not prepared), DVS Gesture (found, it has no partner: frames not prepared); every other
/// event dataset is not found, and the demo is built in.
/// </summary>
public sealed class ReleasedDataRoot : IDisposable
{
    private readonly TempDirectory _root = new();

    public ReleasedDataRoot()
    {
        ReleasedLayouts.NMnist(_root.Path, samplesPerClass: 2);
        ReleasedLayouts.CepDvs(_root.Path);
        ReleasedLayouts.CepDvsImages(_root.Path);
        ReleasedLayouts.DvsGesture(_root.Path, samplesPerClass: 1);
        Catalog = new DatasetCatalog(_root.Path);
    }

    public DatasetCatalog Catalog { get; }

    /// <summary>Where every dataset and partner was looked for.</summary>
    public string Folder => Path.GetFullPath(_root.Path);

    public void Dispose() => _root.Dispose();
}
