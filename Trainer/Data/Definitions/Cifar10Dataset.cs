using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Static;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>CIFAR-10, binary version: five training batches and one test batch of 10,000 32x32 RGB images.</summary>
public sealed class Cifar10Dataset : IStaticDatasetDefinition
{
    private readonly LastFileCache<Cifar10Batch> _batches = new();

    public string Name => "cifar10";

    public DatasetDomain Domain => DatasetDomain.Static;

    public string Description => "CIFAR-10 (binary version): 10 classes, 50,000 + 10,000 RGB images of 32x32.";

    public string ExpectedLayout => """
        <root>/cifar-10-batches-bin/ (cifar-10-binary.tar.gz extracted; or <root>/ itself)
          data_batch_1.bin ... data_batch_5.bin, test_batch.bin, batches.meta.txt
        """;

    public SensorSize? Size => new SensorSize(32, 32);

    public string? PairedDataset => "cifar10-dvs";

    public DatasetIndex Index(string root)
    {
        var folder = DatasetFolders.Find(root, "cifar-10-batches-bin", "") is { } f && File.Exists(Path.Combine(f, "test_batch.bin")) ? f
            : throw new DatasetLayoutException($"Dataset '{Name}' not found under '{Path.GetFullPath(root)}'. Expected layout:\n{ExpectedLayout}");
        var samples = new List<DatasetSample>();
        var batches = Enumerable.Range(1, 5).Select(i => ($"data_batch_{i}", DatasetSplit.Train)).Append(("test_batch", DatasetSplit.Test));
        foreach (var (batch, split) in batches)
        {
            var path = Path.Combine(folder, batch + ".bin");
            if (!File.Exists(path)) continue;
            var labels = Cifar10BinaryReader.Read(path).Labels;
            for (var i = 0; i < labels.Length; i++) samples.Add(new DatasetSample($"{batch}/{i:00000}", labels[i], split, path, i));
        }
        return new DatasetIndex(Name, Cifar10BinaryReader.ReadClassNames(Path.Combine(folder, "batches.meta.txt")), samples);
    }

    public StaticImage LoadImage(DatasetSample sample)
    {
        var batch = _batches.Get(sample.File, Cifar10BinaryReader.Read);
        if (sample.Item >= batch.Count) throw new DatasetFormatException(sample.File, 0, $"batch holds {batch.Count} images, no image {sample.Item}");
        return batch.Image(sample.Item);
    }
}
