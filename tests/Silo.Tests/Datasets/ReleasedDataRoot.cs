using Snnsweep.Tests.DatasetFixtures;

namespace Snnsweep.Silo.Tests.Datasets;

/// <summary>
/// One data root holding every event dataset and every static partner in its released layout (tests/DatasetFixtures:
/// small, in the real file formats, the real files of ../shared/samples among them where that folder is present),
/// written once for the test class, as a user's download folder would be laid out.
/// </summary>
public sealed class ReleasedDataRoot : IDisposable
{
    public ReleasedDataRoot()
    {
        Root = Directory.CreateTempSubdirectory("snnsweep-released-").FullName;
        ReleasedLayouts.NMnist(Root, samplesPerClass: 4, withRealSamples: true);
        ReleasedLayouts.Mnist(Root, samplesPerClass: 4);
        ReleasedLayouts.NCaltech101(Root, samplesPerClass: 6);
        ReleasedLayouts.Caltech101(Root, samplesPerClass: 6);
        ReleasedLayouts.Cifar10Dvs(Root, samplesPerClass: 5);
        ReleasedLayouts.Cifar10(Root, samplesPerClass: 3);
        ReleasedLayouts.DvsGesture(Root, samplesPerClass: 2, withRealSamples: true);
        ReleasedLayouts.NOmniglot(Root, charactersPerAlphabet: 1, withRealSamples: true);
        ReleasedLayouts.Omniglot(Root, charactersPerAlphabet: 1);
        ReleasedLayouts.CepDvs(Root, samplesPerClass: 5, classCount: 20);
        ReleasedLayouts.CepDvsImages(Root, samplesPerClass: 5, classCount: 20);
    }

    public string Root { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A test host still mapping a pack may hold it; the temp folder is cleaned later.
        }
    }
}
