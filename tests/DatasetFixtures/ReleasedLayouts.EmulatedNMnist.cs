using System.Reflection;
using Snnsweep.Trainer.Data.Demo;
using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Definitions;
using Snnsweep.Trainer.Data.Static;

namespace Snnsweep.Tests.DatasetFixtures;

public static partial class ReleasedLayouts
{
    /// <summary>The demo's split sizes (bundled variant): its recorded images are shuffled once, then cut in this order.</summary>
    private const int DemoTrain = 3000, DemoValidation = 1000, DemoTest = 1000;

    /// <summary>
    /// The demo's recordings as an N-MNIST folder: every image the built-in <c>demo</c> dataset records (the odd-indexed
    /// Fashion-MNIST t10k images, shuffled with the demo's split seed) is recorded with <see cref="DemoDataset.Record"/>
    /// and the image index as seed, exactly as the demo does, and written as an ATIS <c>.bin</c>: the demo's train and
    /// validation images to <c>N-MNIST/Train/&lt;label&gt;/</c>, its test images to <c>N-MNIST/Test/&lt;label&gt;/</c>,
    /// named by the 1-based t10k index (as N-MNIST names files by MNIST index). Each file is read back before it
    /// counts, so the folder holds exactly the emulator's events (x, y, t, p) and frames integrated from it equal the
    /// demo's. <paramref name="limit"/> keeps the first samples of each demo split in the 3:1:1 proportion (all 5,000
    /// when null); <paramref name="fashionMnistDirectory"/> defaults to the t10k files the Trainer ships.
    /// </summary>
    public static WrittenDataset NMnistFromDemoEmulator(string root, int? limit = null, string? fashionMnistDirectory = null, int maxParallelism = -1)
    {
        var directory = fashionMnistDirectory ?? DemoDataset.BundledDirectory;
        var images = IdxReader.Read(Path.Combine(directory, "t10k-images-idx3-ubyte.gz"));
        var samples = NMnistFromDemoEmulatorSamples(limit, directory);
        var folder = Path.Combine(root, "N-MNIST");
        Parallel.ForEach(samples, new ParallelOptions { MaxDegreeOfParallelism = maxParallelism }, sample =>
        {
            var events = DemoDataset.Record(images.Data.AsSpan(sample.ImageIndex * 784, 784), sample.ImageIndex);
            var bytes = AtisBinWriter.Write(Enumerable.Range(0, events.Count).Select(i => new TestEvent(events.X[i], events.Y[i], events.T[i], events.P[i])));
            var back = AtisBinReader.Parse(bytes, sample.RelativePath, SensorSize.NMnist);
            if (!SameEvents(events, back))
                throw new InvalidOperationException($"{sample.RelativePath} would not read back as the emulator's {events.Count} events; the ATIS format cannot hold this recording.");
            FixtureFiles.Write(root, sample.RelativePath, bytes);
        });
        return new WrittenDataset("n-mnist", root, folder, samples.Count, 0);
    }

    /// <summary>The samples <see cref="NMnistFromDemoEmulator"/> writes for <paramref name="limit"/>, in the demo's order (train, validation, test).</summary>
    public static IReadOnlyList<EmulatedNMnistSample> NMnistFromDemoEmulatorSamples(int? limit = null, string? fashionMnistDirectory = null)
    {
        if (limit is < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "Write at least one sample, or pass null for all 5,000.");
        var labels = IdxReader.Read(Path.Combine(fashionMnistDirectory ?? DemoDataset.BundledDirectory, "t10k-labels-idx1-ubyte.gz")).Data;
        // As DemoDataset.Load: odd-indexed images are the event domain, shuffled once with the split seed.
        var recorded = Enumerable.Range(0, labels.Length).Where(i => i % 2 == 1).ToArray();
        new Random(DemoSplitSeed()).Shuffle(recorded);
        if (recorded.Length != DemoTrain + DemoValidation + DemoTest)
            throw new InvalidOperationException($"The demo records {DemoTrain + DemoValidation + DemoTest} t10k images; {recorded.Length} odd-indexed images were found.");
        var result = new List<EmulatedNMnistSample>();
        var from = 0;
        foreach (var (split, size) in new[] { (DatasetSplit.Train, DemoTrain), (DatasetSplit.Validation, DemoValidation), (DatasetSplit.Test, DemoTest) })
        {
            var take = limit is { } l ? Math.Clamp((int)Math.Round((double)l * size / recorded.Length), 1, size) : size;
            foreach (var index in recorded.Skip(from).Take(take))
            {
                var folder = split == DatasetSplit.Test ? "Test" : "Train";
                result.Add(new EmulatedNMnistSample(index, labels[index], split, $"N-MNIST/{folder}/{labels[index]}/{index + 1:00000}.bin"));
            }
            from += size;
        }
        return result;
    }

    /// <summary>
    /// The demo's split seed, read from DemoDataset itself: a copied constant would drift silently if the demo changed
    /// it, while a renamed field fails here with a message.
    /// </summary>
    private static int DemoSplitSeed() =>
        typeof(DemoDataset).GetField("SplitSeed", BindingFlags.NonPublic | BindingFlags.Static)?.GetRawConstantValue() as int?
        ?? throw new InvalidOperationException("DemoDataset.SplitSeed is gone: NMnistFromDemoEmulator reproduces the demo's split with it and needs updating to the demo's new split.");

    private static bool SameEvents(EventStream a, EventStream b) =>
        a.Count == b.Count && a.X.AsSpan().SequenceEqual(b.X) && a.Y.AsSpan().SequenceEqual(b.Y) && a.T.AsSpan().SequenceEqual(b.T) && a.P.AsSpan().SequenceEqual(b.P);
}
