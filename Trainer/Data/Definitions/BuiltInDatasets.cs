namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>Every real dataset with a native reader. The synthetic <c>demo</c> is not a definition: <see cref="DatasetCatalog"/> simulates it.</summary>
public static class BuiltInDatasets
{
    public static IEnumerable<IDatasetDefinition> All() =>
    [
        new NMnistDataset(),
        new NCaltech101Dataset(),
        new Cifar10DvsDataset(),
        new Cifar10DvsDataset(tebnSplit: true),
        new DvsGestureDataset(),
        new NOmniglotDataset(),
        new CepDvsDataset(),
        IdxImageDataset.Mnist(),
        IdxImageDataset.FashionMnist(),
        new Cifar10Dataset(),
        new Caltech101Dataset(),
        new OmniglotDataset(),
        new CepDvsImagesDataset(),
    ];
}
