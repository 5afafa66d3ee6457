using System.Globalization;
using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Static;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>MNIST-family IDX datasets (MNIST, Fashion-MNIST): 28x28 grey images, official train/test files, plain or gzipped.</summary>
public sealed class IdxImageDataset : IStaticDatasetDefinition
{
    private readonly string[] _folders;
    private readonly IReadOnlyList<string> _classes;
    private readonly LastFileCache<IdxFile> _files = new();

    private IdxImageDataset(string name, string description, string[] folders, IReadOnlyList<string> classes, string? paired)
    {
        Name = name;
        Description = description;
        _folders = folders;
        _classes = classes;
        PairedDataset = paired;
    }

    public static IdxImageDataset Mnist() => new("mnist", "MNIST handwritten digits (60,000 + 10,000, 28x28).", ["MNIST/raw", "MNIST", "mnist", ""],
        Enumerable.Range(0, 10).Select(d => d.ToString(CultureInfo.InvariantCulture)).ToList(), "n-mnist");

    public static IdxImageDataset FashionMnist() => new("fashion-mnist", "Fashion-MNIST clothing images (60,000 + 10,000, 28x28).", ["FashionMNIST/raw", "FashionMNIST", "fashion-mnist", ""],
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"], null);

    public string Name { get; }

    public DatasetDomain Domain => DatasetDomain.Static;

    public string Description { get; }

    public string ExpectedLayout => $"""
        <root>/{_folders[0]}/ (or {string.Join(", ", _folders.Skip(1).Select(f => f.Length == 0 ? "<root>/" : $"<root>/{f}/"))})
          train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz]
          t10k-images-idx3-ubyte[.gz],  t10k-labels-idx1-ubyte[.gz]
        """;

    public SensorSize? Size => new SensorSize(28, 28);

    public string? PairedDataset { get; }

    public DatasetIndex Index(string root)
    {
        var folder = _folders.Select(f => DatasetFolders.Find(root, f)).FirstOrDefault(f => f is not null && FindFile(f, "train-labels-idx1-ubyte") is not null)
            ?? throw new DatasetLayoutException($"Dataset '{Name}' not found under '{Path.GetFullPath(root)}'. Expected layout:\n{ExpectedLayout}");
        var samples = new List<DatasetSample>();
        foreach (var (split, prefix) in new[] { (DatasetSplit.Train, "train"), (DatasetSplit.Test, "t10k") })
        {
            var images = FindFile(folder, $"{prefix}-images-idx3-ubyte");
            var labelsPath = FindFile(folder, $"{prefix}-labels-idx1-ubyte");
            if (images is null || labelsPath is null) continue;
            var labels = IdxReader.Read(labelsPath);
            for (var i = 0; i < labels.Count; i++)
            {
                if (labels.Data[i] >= _classes.Count) throw new DatasetFormatException(labelsPath, 8 + i, $"label {labels.Data[i]} is outside 0..{_classes.Count - 1}");
                samples.Add(new DatasetSample($"{(split == DatasetSplit.Train ? "train" : "test")}/{i + 1:00000}", labels.Data[i], split, images, i));
            }
        }
        return new DatasetIndex(Name, _classes, samples);
    }

    public StaticImage LoadImage(DatasetSample sample)
    {
        var file = _files.Get(sample.File, IdxReader.Read);
        if (file.Dimensions.Length != 3 || sample.Item >= file.Count)
            throw new DatasetFormatException(sample.File, 0, $"IDX image file has shape [{string.Join(", ", file.Dimensions)}], no image {sample.Item}");
        var size = file.ItemSize;
        return new StaticImage(file.Dimensions[2], file.Dimensions[1], 1, file.Data.AsSpan(sample.Item * size, size).ToArray());
    }

    private static string? FindFile(string folder, string stem) =>
        new[] { stem, stem + ".gz", stem.Replace("-idx", ".idx", StringComparison.Ordinal) }.Select(n => Path.Combine(folder, n)).FirstOrDefault(File.Exists);
}
