using System.Buffers.Binary;
using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Frames;
using Snnsweep.Trainer.Data.Static;

namespace Snnsweep.Trainer.Data.Demo;

/// <summary>
/// The built-in dataset: Fashion-MNIST images as the static domain, and events simulated by
/// <see cref="SaccadeEmulator"/> from a disjoint set of Fashion-MNIST images as the event domain (2 x 34 x 34,
/// N-MNIST-like). Bundled: even-indexed t10k images are static, odd-indexed ones are recorded and split
/// 3,000 / 1,000 / 1,000 into train / validation / test. Full: the same with the 60,000 training images
/// (25,000 / 5,000 event train / validation) and t10k recorded as the test split. Splits are fixed (they do
/// not depend on the trial seed), and integrated frames are cached under the data root.
/// </summary>
public static class DemoDataset
{
    public static readonly IReadOnlyList<string> ClassNames =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> installs the files.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    private const int SplitSeed = 20_240_611;
    private const int CacheFormatVersion = 1;

    /// <summary>The t10k files copied next to the executable from the repository's <c>data/</c> folder.</summary>
    public static string BundledDirectory => Path.Combine(AppContext.BaseDirectory, "data", "fashion-mnist");

    /// <summary>Dataset names this class answers to.</summary>
    public static DemoVariant? ParseName(string dataset) => dataset.ToLowerInvariant() switch
    {
        "demo" => DemoVariant.Bundled,
        "demo-full" => DemoVariant.Full,
        _ => null,
    };

    /// <summary>Builds (or reads from the cache) the demo splits integrated into <paramref name="timesteps"/> frames.</summary>
    public static DatasetSplits Load(DemoVariant variant, int timesteps, FrameSlicing slicing, string dataRoot, IProgress<double>? progress = null)
    {
        var (images, labels, eventTestImages, eventTestLabels) = ReadImages(variant);
        var staticIndices = Enumerable.Range(0, labels.Length).Where(i => i % 2 == 0).ToArray();
        var eventIndices = Enumerable.Range(0, labels.Length).Where(i => i % 2 == 1).ToArray();
        new Random(SplitSeed).Shuffle(eventIndices);

        int trainCount, validationCount;
        if (variant == DemoVariant.Bundled) (trainCount, validationCount) = (3000, 1000);
        else (trainCount, validationCount) = (eventIndices.Length - 5000, 5000);

        var recorded = variant == DemoVariant.Bundled
            ? eventIndices
            : eventIndices.Concat(Enumerable.Range(labels.Length, eventTestLabels!.Length)).ToArray();
        var allImages = variant == DemoVariant.Bundled ? images : Concat(images, eventTestImages!);
        var allLabels = variant == DemoVariant.Bundled ? labels : labels.Concat(eventTestLabels!).ToArray();

        var cachePath = Path.Combine(dataRoot, "cache", "demo", $"{variant.ToString().ToLowerInvariant()}-T{timesteps}-{slicing.ToString().ToLowerInvariant()}-v{CacheFormatVersion}.frames");
        var frames = TryReadCache(cachePath, recorded.Length, timesteps) ?? Simulate(allImages, recorded, timesteps, slicing, cachePath, progress);
        progress?.Report(1.0);

        var sampleSize = timesteps * 2 * 34 * 34;
        FrameDataset Slice(int from, int count) => new(
            frames.AsMemory(from * sampleSize, count * sampleSize),
            recorded.Skip(from).Take(count).Select(i => allLabels[i]).ToArray(),
            timesteps, 2, 34, 34, ClassNames);

        var testCount = recorded.Length - trainCount - validationCount;
        var staticSet = new StaticImageSet(
            staticIndices.SelectMany(i => images.AsSpan(i * 784, 784).ToArray()).ToArray(),
            staticIndices.Select(i => labels[i]).ToArray(), 1, 28, 28);
        var name = variant == DemoVariant.Bundled ? "demo" : "demo-full";
        return new DatasetSplits(name, Slice(0, trainCount), Slice(trainCount, validationCount), Slice(trainCount + validationCount, testCount), staticSet);
    }

    /// <summary>The emulator settings of the demo; part of the cache identity (bump the cache version when changing them).</summary>
    public static SaccadeEmulatorOptions EmulatorOptions { get; } = new();

    /// <summary>Records one image (28 x 28 bytes) as the demo does; the seed is the image's index.</summary>
    public static EventStream Record(ReadOnlySpan<byte> image, int seed) => new SaccadeEmulator(EmulatorOptions).Record(image, 28, 28, seed);

    private static byte[] Simulate(byte[] images, int[] recorded, int timesteps, FrameSlicing slicing, string cachePath, IProgress<double>? progress)
    {
        var sampleSize = timesteps * 2 * 34 * 34;
        var frames = new byte[(long)recorded.Length * sampleSize];
        var done = 0;
        var emulator = new SaccadeEmulator(EmulatorOptions);
        Parallel.For(0, recorded.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, n =>
        {
            var index = recorded[n];
            var events = emulator.Record(images.AsSpan(index * 784, 784), 28, 28, seed: index);
            var counts = FrameIntegrator.Integrate(events, timesteps, slicing);
            var target = frames.AsSpan(n * sampleSize, sampleSize);
            for (var i = 0; i < counts.Length; i++) target[i] = (byte)Math.Min(255f, counts[i]);
            var finished = Interlocked.Increment(ref done);
            if (finished % 50 == 0) progress?.Report(finished / (double)recorded.Length);
        });

        try
        {
            AtomicFile.Write(cachePath, stream =>
            {
                Span<byte> header = stackalloc byte[16];
                "SNNDEMO1"u8.CopyTo(header);
                BinaryPrimitives.WriteInt32LittleEndian(header[8..], recorded.Length);
                BinaryPrimitives.WriteInt32LittleEndian(header[12..], timesteps);
                stream.Write(header);
                stream.Write(frames);
            });
        }
        catch (IOException)
        {
            // A read-only or full data root only costs the next run a new simulation.
        }
        catch (UnauthorizedAccessException)
        {
        }
        return frames;
    }

    private static byte[]? TryReadCache(string path, int samples, int timesteps)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> header = stackalloc byte[16];
            var frames = new byte[(long)samples * timesteps * 2 * 34 * 34];
            if (stream.Length != 16 + frames.LongLength) return null;
            stream.ReadExactly(header);
            if (!header[..8].SequenceEqual("SNNDEMO1"u8)
                || BinaryPrimitives.ReadInt32LittleEndian(header[8..]) != samples
                || BinaryPrimitives.ReadInt32LittleEndian(header[12..]) != timesteps)
                return null;
            stream.ReadExactly(frames);
            return frames;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static (byte[] Images, int[] Labels, byte[]? TestImages, int[]? TestLabels) ReadImages(DemoVariant variant)
    {
        if (variant == DemoVariant.Bundled)
        {
            var (images, labels) = ReadPair(BundledDirectory, "t10k");
            return (images, labels, null, null);
        }
        if (!File.Exists(Path.Combine(DebianDirectory, "train-images-idx3-ubyte.gz")))
            throw new FileNotFoundException($"demo-full needs the full Fashion-MNIST from Debian's dataset-fashion-mnist package (expected in {DebianDirectory}); install it with 'apt-get install dataset-fashion-mnist' or use --dataset demo");
        var (trainImages, trainLabels) = ReadPair(DebianDirectory, "train");
        var (testImages, testLabels) = ReadPair(DebianDirectory, "t10k");
        return (trainImages, trainLabels, testImages, testLabels);
    }

    private static (byte[] Images, int[] Labels) ReadPair(string directory, string prefix)
    {
        var imagePath = Path.Combine(directory, $"{prefix}-images-idx3-ubyte.gz");
        var labelPath = Path.Combine(directory, $"{prefix}-labels-idx1-ubyte.gz");
        if (!File.Exists(imagePath)) throw new FileNotFoundException($"Fashion-MNIST images not found: {imagePath}", imagePath);
        var images = IdxReader.Read(imagePath);
        var labels = IdxReader.Read(labelPath);
        if (images.Dimensions is not [_, 28, 28]) throw new DatasetFormatException(imagePath, 4, $"expected 28x28 images, found {string.Join("x", images.Dimensions)}");
        if (labels.Count != images.Count) throw new DatasetFormatException(labelPath, 4, $"{labels.Count} labels for {images.Count} images");
        var classes = labels.Data.Select(b => (int)b).ToArray();
        if (classes.Any(c => c > 9)) throw new DatasetFormatException(labelPath, 8, "a label is outside 0..9");
        return (images.Data, classes);
    }

    private static byte[] Concat(byte[] a, byte[] b)
    {
        var result = new byte[a.Length + b.Length];
        a.CopyTo(result, 0);
        b.CopyTo(result, a.Length);
        return result;
    }
}
