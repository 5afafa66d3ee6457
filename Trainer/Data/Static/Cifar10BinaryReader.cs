namespace Snnsweep.Trainer.Data.Static;

/// <summary>
/// Reads the CIFAR-10 "binary version" batches (<c>data_batch_1.bin</c> ... <c>test_batch.bin</c>): records of one label
/// byte and 3,072 pixel bytes (R, G, B planes of 32x32). Class names come from <c>batches.meta.txt</c>.
/// </summary>
public static class Cifar10BinaryReader
{
    private const int RecordSize = 1 + Cifar10Batch.ImageBytes;

    public static readonly IReadOnlyList<string> ClassNames = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    public static Cifar10Batch Read(string path) => Parse(DataFile.ReadAllBytes(path), path);

    public static Cifar10Batch Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length == 0 || bytes.Length % RecordSize != 0)
            throw new DatasetFormatException(name, bytes.Length - bytes.Length % RecordSize, $"CIFAR-10 batch length {bytes.Length} is not a positive multiple of {RecordSize} bytes");
        var count = bytes.Length / RecordSize;
        var labels = new byte[count];
        var pixels = new byte[count * Cifar10Batch.ImageBytes];
        for (var i = 0; i < count; i++)
        {
            var record = bytes.Slice(i * RecordSize, RecordSize);
            if (record[0] > 9) throw new DatasetFormatException(name, (long)i * RecordSize, $"label {record[0]} of record {i} is outside 0..9");
            labels[i] = record[0];
            record[1..].CopyTo(pixels.AsSpan(i * Cifar10Batch.ImageBytes));
        }
        return new Cifar10Batch(labels, pixels);
    }

    /// <summary>Class names from <c>batches.meta.txt</c> (one per line), or the standard list when the file is absent.</summary>
    public static IReadOnlyList<string> ReadClassNames(string metaPath) =>
        File.Exists(metaPath)
            ? File.ReadAllLines(metaPath).Select(l => l.Trim()).Where(l => l.Length > 0).ToList()
            : ClassNames;
}
