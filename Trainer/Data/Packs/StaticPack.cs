using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Snnsweep.Trainer.Data.Frames;
using Snnsweep.Trainer.Data.Definitions;
using Snnsweep.Trainer.Data.Static;

namespace Snnsweep.Trainer.Data.Packs;

/// <summary>
/// The static partner of an event dataset as the transfer methods take it: the partner's training images of the
/// classes the event dataset has, labelled with the event dataset's class index (pairing by class, as
/// <see cref="CrossDomainClassMap"/> matches them), all of one size and channel count. A partner of fixed image size
/// (MNIST, CIFAR-10, Omniglot) keeps it, and the method's <c>data.staticFit</c> brings it to the frame size as the
/// papers do; one whose images differ in size (Caltech101, CEP-DVS sources) is resized here to the event frames' size
/// (bilinear, aligned corners: the papers' preprocessing). Decoded once and cached beside the frame packs; an image
/// that cannot be decoded is left out and listed.
/// </summary>
public static class StaticPack
{
    private const int FormatVersion = 1;
    private static readonly byte[] Magic = "SNNSTAT1"u8.ToArray();

    public static (StaticImageSet Images, IReadOnlyList<ExcludedSample> Excluded) OpenOrBuild(
        string dataRoot, IStaticDatasetDefinition partner, DatasetIndex partnerIndex, CrossDomainClassMap classes, int frameHeight, int frameWidth,
        IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        var staticToEvent = new Dictionary<int, int>();
        for (var e = classes.EventClasses.Count - 1; e >= 0; e--)
            if (classes.StaticLabelFor(e) is var s and >= 0) staticToEvent[s] = e;
        var samples = partnerIndex.In(DatasetSplit.Train).Where(s => staticToEvent.ContainsKey(s.Label)).ToList();
        if (samples.Count == 0)
            throw new DatasetLayoutException($"Static dataset '{partner.Name}' has no training image of the event dataset's classes ({string.Join(", ", classes.EventClasses.Take(10))}, ...).");
        var (height, width) = partner.Size is { } native ? (native.Height, native.Width) : (frameHeight, frameWidth);
        var key = $"{partner.Name}\n{string.Join(",", classes.EventClasses)}\n{height}x{width}\n{Hash(samples)}";
        var path = Path.Combine(FramePack.Folder(dataRoot), partner.Name, $"static-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16]}.pixels");
        var excludedPath = Path.ChangeExtension(path, ".json");
        if (TryRead(path, key) is { } cached)
            return (cached, ReadExcluded(excludedPath));

        var images = new StaticImage?[samples.Count];
        var excluded = new List<ExcludedSample>();
        var done = 0;
        Parallel.For(0, samples.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation }, i =>
        {
            try
            {
                images[i] = partner.LoadImage(samples[i]);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var sample = samples[i];
                lock (excluded)
                    excluded.Add(e is DatasetFormatException f ? new ExcludedSample(sample.Id, sample.Split, f.File, f.Offset, f.Problem) : new ExcludedSample(sample.Id, sample.Split, sample.File, 0, e.Message));
            }
            var finished = Interlocked.Increment(ref done);
            if (finished % 100 == 0) progress?.Report(finished / (double)samples.Count);
        });
        var channels = images.FirstOrDefault(i => i is not null)?.Channels
            ?? throw new DatasetLayoutException($"Static dataset '{partner.Name}': no image could be decoded; the first: {excluded[0].File}: {excluded[0].Problem}");
        var kept = Enumerable.Range(0, samples.Count).Where(i => images[i] is not null).ToArray();
        var plane = height * width;
        var pixels = new byte[(long)kept.Length * channels * plane];
        var labels = new int[kept.Length];
        Parallel.For(0, kept.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellation }, n =>
        {
            var image = images[kept[n]]!;
            labels[n] = staticToEvent[samples[kept[n]].Label];
            Fit(image, channels, height, width, pixels.AsSpan((int)((long)n * channels * plane), channels * plane));
        });
        var set = new StaticImageSet(pixels, labels, channels, height, width);
        try
        {
            Write(path, key, set);
            AtomicFile.Write(excludedPath, s => System.Text.Json.JsonSerializer.Serialize(s, excluded, Training.JsonDefaults.Options));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only data root only costs the next run a new decode.
        }
        progress?.Report(1);
        return (set, excluded);
    }

    /// <summary>Converts channels (grey replicated, colour to luma) and resizes (bilinear, aligned corners) into <paramref name="target"/>.</summary>
    private static void Fit(StaticImage image, int channels, int height, int width, Span<byte> target)
    {
        var planeIn = image.Height * image.Width;
        var grey = new float[planeIn];
        var source = new float[channels * planeIn];
        for (var c = 0; c < channels; c++)
        {
            for (var p = 0; p < planeIn; p++)
            {
                source[c * planeIn + p] = image.Channels == channels ? image.Pixels[c * planeIn + p]
                    : image.Channels == 1 ? image.Pixels[p]
                    : 0.299f * image.Pixels[p] + 0.587f * image.Pixels[planeIn + p] + 0.114f * image.Pixels[2 * planeIn + p];
            }
        }
        var resized = image.Height == height && image.Width == width
            ? source
            : BilinearResizer.Resize(source, channels, image.Height, image.Width, height, width, alignCorners: true);
        for (var i = 0; i < target.Length; i++) target[i] = (byte)Math.Clamp(MathF.Round(resized[i]), 0, 255);
    }

    private static string Hash(IReadOnlyList<DatasetSample> samples)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var s in samples) hash.AppendData(Encoding.UTF8.GetBytes($"{s.Id}\u0000{s.Label}\u0000{s.Item}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static void Write(string path, string key, StaticImageSet set)
    {
        var keyBytes = Encoding.UTF8.GetBytes(key);
        AtomicFile.Write(path, stream =>
        {
            var header = new byte[Magic.Length + 4 * 5 + keyBytes.Length];
            Magic.CopyTo(header, 0);
            var span = header.AsSpan(Magic.Length);
            foreach (var value in new[] { FormatVersion, set.Count, set.Channels, set.Height, set.Width })
            {
                BinaryPrimitives.WriteInt32LittleEndian(span, value);
                span = span[4..];
            }
            keyBytes.CopyTo(span);
            stream.Write(header);
            var labels = new byte[set.Count * 4];
            for (var i = 0; i < set.Count; i++) BinaryPrimitives.WriteInt32LittleEndian(labels.AsSpan(4 * i), set.Labels[i]);
            stream.Write(labels);
            stream.Write(set.Pixels);
        });
    }

    private static StaticImageSet? TryRead(string path, string key)
    {
        try
        {
            if (!File.Exists(path)) return null;
            var bytes = File.ReadAllBytes(path);
            var keyBytes = Encoding.UTF8.GetBytes(key);
            var headerSize = Magic.Length + 4 * 5 + keyBytes.Length;
            if (bytes.Length < headerSize || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)) return null;
            var span = bytes.AsSpan(Magic.Length);
            if (BinaryPrimitives.ReadInt32LittleEndian(span) != FormatVersion) return null;
            int count = BinaryPrimitives.ReadInt32LittleEndian(span[4..]), channels = BinaryPrimitives.ReadInt32LittleEndian(span[8..]);
            int height = BinaryPrimitives.ReadInt32LittleEndian(span[12..]), width = BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
            if (!span[20..(20 + keyBytes.Length)].SequenceEqual(keyBytes)) return null;
            var pixelCount = (long)count * channels * height * width;
            if (bytes.Length != headerSize + 4L * count + pixelCount) return null;
            var labels = new int[count];
            for (var i = 0; i < count; i++) labels[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(headerSize + 4 * i));
            return new StaticImageSet(bytes.AsSpan(headerSize + 4 * count).ToArray(), labels, channels, height, width);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static IReadOnlyList<ExcludedSample> ReadExcluded(string path)
    {
        try
        {
            return File.Exists(path) ? System.Text.Json.JsonSerializer.Deserialize<List<ExcludedSample>>(File.ReadAllText(path), Training.JsonDefaults.Options) ?? [] : [];
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return [];
        }
    }
}
