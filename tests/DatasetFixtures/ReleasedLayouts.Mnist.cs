using System.IO.Compression;

namespace Snnsweep.Tests.DatasetFixtures;

public static partial class ReleasedLayouts
{
    /// <summary>SLAYER's labelled N-MNIST training samples in ../shared/samples: file id (= 1-based MNIST index) and digit.</summary>
    private static readonly (int Id, int Digit)[] SlayerSamples = [(1, 5), (2, 0), (3, 4), (4, 1), (5, 9), (6, 2), (8, 3), (14, 6), (16, 7), (18, 8)];

    /// <summary>
    /// N-MNIST: <c>N-MNIST/Train/&lt;digit&gt;/&lt;nnnnn&gt;.bin</c> and <c>N-MNIST/Test/...</c>, ATIS 40-bit files at 34x34,
    /// <paramref name="samplesPerClass"/> per digit in each split, ids unique per split and interleaved across digits as
    /// in the release. With <paramref name="withRealSamples"/> the ten labelled SLAYER recordings (one per digit) take
    /// their real training ids and replace one generated training sample of their digit.
    /// </summary>
    public static WrittenDataset NMnist(string root, int samplesPerClass = 3, int seed = 1, bool withRealSamples = false)
    {
        RequireAtLeast(samplesPerClass, 1, nameof(samplesPerClass), "every digit needs a sample in Train and in Test");
        var folder = Path.Combine(root, "N-MNIST");
        var files = 0;
        var real = new List<(int Id, int Digit, string Path)>();
        if (withRealSamples)
            foreach (var (id, digit) in SlayerSamples)
                if (SharedSamples.Find($"nmnist/slayer_NMNISTsmall/{id}.bs2") is { } path) real.Add((id, digit, path));
        foreach (var (id, digit, path) in real)
        {
            // .bs2 is byte-for-byte the N-MNIST .bin layout; only the extension differs.
            FixtureFiles.Copy(path, folder, $"Train/{digit}/{id:00000}.bin");
            files++;
        }

        foreach (var split in new[] { "Train", "Test" })
        {
            var taken = split == "Train" ? real.Select(r => r.Id).ToHashSet() : [];
            var samples = new List<int>(); // digit of each generated sample
            for (var digit = 0; digit < 10; digit++)
            {
                var own = split == "Train" ? samplesPerClass - real.Count(r => r.Digit == digit) : samplesPerClass;
                samples.AddRange(Enumerable.Repeat(digit, own));
            }
            // Ids 1, 2, ... that the real samples left free, dealt to the samples in a seeded order.
            var ids = Enumerable.Range(1, samples.Count + taken.Count).Where(i => !taken.Contains(i)).Take(samples.Count).ToArray();
            var order = Shuffled(samples.Count, FixtureFiles.Rng(seed, "n-mnist", split, "ids"));
            for (var i = 0; i < samples.Count; i++)
            {
                var digit = samples[i];
                var id = ids[order[i]];
                var rng = FixtureFiles.Rng(seed, "n-mnist", split, id);
                // Three saccades of about 105 ms each, as recorded.
                var events = ClassSignal.Events(digit, 10, 34, 34, rng.Next(80, 200), rng, t0: rng.Next(0, 2000), duration: 305_000);
                FixtureFiles.Write(folder, $"{split}/{digit}/{id:00000}.bin", AtisBinWriter.Write(events));
                files++;
            }
        }
        return new WrittenDataset("n-mnist", root, folder, files, real.Count);
    }

    /// <summary>
    /// MNIST: <c>MNIST/raw/{train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]</c>, 28x28 IDX images (ink 255 on 0) with
    /// the N-MNIST fixture's class signal, <paramref name="samplesPerClass"/> per digit in each file, labels interleaved.
    /// </summary>
    public static WrittenDataset Mnist(string root, int samplesPerClass = 3, int seed = 1, bool gzip = true)
    {
        RequireAtLeast(samplesPerClass, 1, nameof(samplesPerClass), "every digit needs a training and a test image");
        var folder = Path.Combine(root, "MNIST", "raw");
        foreach (var prefix in new[] { "train", "t10k" })
        {
            var labels = Enumerable.Range(0, 10 * samplesPerClass).Select(i => (byte)(i % 10)).ToArray();
            FixtureFiles.Rng(seed, "mnist", prefix, "labels").Shuffle(labels);
            var images = new byte[labels.Length * 784];
            for (var i = 0; i < labels.Length; i++)
                ClassSignal.Gray(labels[i], 10, 28, 28, FixtureFiles.Rng(seed, "mnist", prefix, i)).CopyTo(images, i * 784);
            WriteIdx(folder, $"{prefix}-images-idx3-ubyte", StaticWriters.Idx(images, labels.Length, 28, 28), gzip);
            WriteIdx(folder, $"{prefix}-labels-idx1-ubyte", StaticWriters.Idx(labels, labels.Length), gzip);
        }
        return new WrittenDataset("mnist", root, folder, 4, 0);
    }

    private static void WriteIdx(string folder, string name, byte[] content, bool gzip)
    {
        if (!gzip)
        {
            FixtureFiles.Write(folder, name, content);
            return;
        }
        using var compressed = new MemoryStream();
        using (var zip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) zip.Write(content);
        FixtureFiles.Write(folder, name + ".gz", compressed.ToArray());
    }
}
