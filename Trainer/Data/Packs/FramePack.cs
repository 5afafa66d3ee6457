using System.Buffers.Binary;
using System.Globalization;
using System.IO.MemoryMappedFiles;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Snnsweep.Trainer.Data.Frames;
using Snnsweep.Trainer.Data.Definitions;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Trainer.Data.Packs;

/// <summary>
/// A dataset's samples integrated with one setting, packed into one file of fixed-size rows
/// (<c>&lt;data root&gt;/.snnsweep/packs/&lt;dataset&gt;/&lt;settings&gt;-&lt;samples&gt;.frames</c>, with a JSON manifest beside it)
/// that trials memory-map (<see cref="MappedFrameStore"/>). The file name hashes the integration settings and the
/// samples found (ids, labels, file sizes), so a new setting or a changed folder builds a new pack and an old pack is
/// never served for them. One process builds a pack while the others wait on its lock, seeing its progress; a
/// recording that cannot be read is left out and listed, and the others are packed.
/// </summary>
public static class FramePack
{
    private const int FormatVersion = 1;
    private const int HeaderAlignment = 64;
    private const int HalfSize = 2;
    private static readonly byte[] Magic = "SNNPACK1"u8.ToArray();

    /// <summary>Where the packs of a data root live.</summary>
    public static string Folder(string dataRoot) => System.IO.Path.Combine(System.IO.Path.GetFullPath(dataRoot), ".snnsweep", "packs");

    /// <summary>The pack file for these samples and settings (it may not exist yet).</summary>
    public static string PathFor(string dataRoot, string dataset, IReadOnlyList<DatasetSample> samples, FrameIntegrationSettings settings) =>
        PathFor(dataRoot, dataset, SamplesHash(samples), settings);

    private static string PathFor(string dataRoot, string dataset, string samplesHash, FrameIntegrationSettings settings) =>
        System.IO.Path.Combine(Folder(dataRoot), dataset, $"{settings.CacheKeyHash}-{samplesHash}.frames");

    /// <summary>Whether a complete pack for these samples and settings is on disk.</summary>
    public static bool Exists(string dataRoot, string dataset, IReadOnlyList<DatasetSample> samples, FrameIntegrationSettings settings)
    {
        var hash = SamplesHash(samples);
        if (TryOpen(PathFor(dataRoot, dataset, hash, settings), KeyFor(dataset, hash, settings)) is not { } opened) return false;
        opened.Store.Dispose();
        return true;
    }

    /// <summary>
    /// Opens the pack of <paramref name="samples"/> integrated with <paramref name="settings"/>, building it first
    /// when no process has. <paramref name="settings"/> must give a fixed number of frames.
    /// </summary>
    public static (MappedFrameStore Store, FramePackManifest Manifest) OpenOrBuild(
        string dataRoot, IEventDatasetDefinition dataset, IReadOnlyList<DatasetSample> samples, FrameIntegrationSettings settings,
        IProgress<double>? progress = null, int parallelism = 0, CancellationToken cancellation = default)
    {
        if (samples.Count == 0) throw new DatasetLayoutException($"Dataset '{dataset.Name}' has no samples to integrate.");
        settings.Validate();
        if (settings.Frames <= 0 || settings.Slicing is FrameSlicingMethod.SpikingJellyDuration or FrameSlicingMethod.TonicTimeWindow or FrameSlicingMethod.TonicEventCount)
            throw new ArgumentException($"training needs a fixed number of frames per sample; {settings.CacheKey} gives a number that varies with the recording");
        var hash = SamplesHash(samples);
        var path = PathFor(dataRoot, dataset.Name, hash, settings);
        var key = KeyFor(dataset.Name, hash, settings);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var progressFile = path + ".progress";
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            if (TryOpen(path, key) is { } ready) return ready;
            using (var held = PackFileLock.TryAcquire(path + ".lock"))
            {
                if (held is not null)
                {
                    // Another process may have finished between the first look and the lock.
                    if (TryOpen(path, key) is { } built) return built;
                    Build(path, key, dataset, samples, settings, progress, progressFile, parallelism, cancellation);
                    TryDelete(progressFile);
                    return TryOpen(path, key) ?? throw new IOException($"{path}: the pack just built cannot be opened");
                }
            }
            // Someone else is building it: show their progress while waiting.
            if (ReadProgress(progressFile) is { } fraction) progress?.Report(fraction);
            cancellation.WaitHandle.WaitOne(TimeSpan.FromMilliseconds(250));
        }
    }

    private static void Build(string path, string key, IEventDatasetDefinition dataset, IReadOnlyList<DatasetSample> samples, FrameIntegrationSettings settings,
        IProgress<double>? progress, string progressFile, int parallelism, CancellationToken cancellation)
    {
        var excluded = new List<ExcludedSample>();
        var first = Probe(dataset, samples, settings, excluded, cancellation);
        int timesteps = settings.Frames, channels = first.Channels, height = first.Height, width = first.Width;
        var rowSize = checked(timesteps * channels * height * width);
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var dataOffset = AlignUp(Magic.Length + 4 * 6 + keyBytes.Length, HeaderAlignment);
        var length = dataOffset + (long)samples.Count * rowSize * HalfSize;

        var temporary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(path)!, $".{System.IO.Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None))
            {
                var header = new byte[dataOffset];
                Magic.CopyTo(header, 0);
                var span = header.AsSpan(Magic.Length);
                foreach (var value in new[] { FormatVersion, samples.Count, timesteps, channels, height, width })
                {
                    BinaryPrimitives.WriteInt32LittleEndian(span, value);
                    span = span[4..];
                }
                keyBytes.CopyTo(span);
                stream.Write(header);
                stream.SetLength(length);
            }
            WriteRows(temporary, dataOffset, rowSize, dataset, samples, settings, (channels, height, width), excluded, progress, progressFile, parallelism, cancellation);
            using (var flush = new FileStream(temporary, FileMode.Open, FileAccess.ReadWrite)) flush.Flush(flushToDisk: true);

            var manifest = new FramePackManifest(key, timesteps, channels, height, width, samples.Select(s => s.Id).ToList(),
                excluded.OrderBy(e => e.Id, StringComparer.Ordinal).ToList());
            AtomicFile.Write(ManifestPath(path), s => JsonSerializer.Serialize(s, manifest, JsonDefaults.Options));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>The output size of the pack: from the first sample that integrates (bad ones before it are recorded).</summary>
    private static FrameTensor Probe(IEventDatasetDefinition dataset, IReadOnlyList<DatasetSample> samples, FrameIntegrationSettings settings, List<ExcludedSample> excluded, CancellationToken cancellation)
    {
        foreach (var sample in samples)
        {
            cancellation.ThrowIfCancellationRequested();
            try
            {
                return FrameIntegrator.Integrate(dataset.LoadEvents(sample), settings);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                excluded.Add(Exclusion(sample, e));
                if (excluded.Count >= Math.Min(samples.Count, 20))
                    throw new DatasetLayoutException($"Dataset '{dataset.Name}': none of the first {excluded.Count} recordings could be read; the first: {excluded[0].File}: {excluded[0].Problem}");
            }
        }
        throw new DatasetLayoutException($"Dataset '{dataset.Name}': no recording could be read; the first: {excluded[0].File}: {excluded[0].Problem}");
    }

    private static unsafe void WriteRows(string temporary, long dataOffset, int rowSize, IEventDatasetDefinition dataset, IReadOnlyList<DatasetSample> samples,
        FrameIntegrationSettings settings, (int Channels, int Height, int Width) size, List<ExcludedSample> excluded, IProgress<double>? progress,
        string progressFile, int parallelism, CancellationToken cancellation)
    {
        var known = excluded.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        using var file = MemoryMappedFile.CreateFromFile(temporary, FileMode.Open, mapName: null, capacity: 0, MemoryMappedFileAccess.ReadWrite);
        using var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.ReadWrite);
        byte* start = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        try
        {
            var rows = (Half*)(start + view.PointerOffset + dataOffset);
            var done = 0;
            var lastWrite = Environment.TickCount64;
            var step = Math.Max(1, samples.Count / 200);
            var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount, CancellationToken = cancellation };
            Parallel.For(0, samples.Count, options, i =>
            {
                var sample = samples[i];
                if (!known.Contains(sample.Id))
                {
                    try
                    {
                        var tensor = FrameIntegrator.Integrate(dataset.LoadEvents(sample), settings);
                        if (tensor.Frames != settings.Frames || tensor.Channels != size.Channels || tensor.Height != size.Height || tensor.Width != size.Width)
                            throw new InvalidDataException($"integrates to {tensor.Frames} x {tensor.Channels} x {tensor.Height} x {tensor.Width} frames, the others to {settings.Frames} x {size.Channels} x {size.Height} x {size.Width}");
                        TensorPrimitives.ConvertToHalf(tensor.Data, new Span<Half>(rows + (long)i * rowSize, rowSize));
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        lock (excluded) excluded.Add(Exclusion(sample, e));
                    }
                }
                var finished = Interlocked.Increment(ref done);
                if (finished % step == 0 || finished == samples.Count)
                {
                    var fraction = finished / (double)samples.Count;
                    progress?.Report(fraction);
                    var now = Environment.TickCount64;
                    if (now - Interlocked.Read(ref lastWrite) > 1000)
                    {
                        Interlocked.Exchange(ref lastWrite, now);
                        TryWriteProgress(progressFile, fraction);
                    }
                }
            });
            view.Flush();
        }
        finally
        {
            view.SafeMemoryMappedViewHandle.ReleasePointer();
        }
    }

    private static ExcludedSample Exclusion(DatasetSample sample, Exception e) => e is DatasetFormatException format
        ? new ExcludedSample(sample.Id, sample.Split, format.File, format.Offset, format.Problem)
        : new ExcludedSample(sample.Id, sample.Split, sample.File, 0, e.Message);

    private static (MappedFrameStore Store, FramePackManifest Manifest)? TryOpen(string path, string key)
    {
        try
        {
            if (!File.Exists(path) || !File.Exists(ManifestPath(path))) return null;
            var keyBytes = Encoding.UTF8.GetBytes(key);
            int rows, timesteps, channels, height, width;
            var dataOffset = AlignUp(Magic.Length + 4 * 6 + keyBytes.Length, HeaderAlignment);
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                var header = new byte[Magic.Length + 4 * 6 + keyBytes.Length];
                if (stream.Length < header.Length) return null;
                stream.ReadExactly(header);
                if (!header.AsSpan(0, Magic.Length).SequenceEqual(Magic)) return null;
                var span = header.AsSpan(Magic.Length);
                if (BinaryPrimitives.ReadInt32LittleEndian(span) != FormatVersion) return null;
                rows = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
                timesteps = BinaryPrimitives.ReadInt32LittleEndian(span[8..]);
                channels = BinaryPrimitives.ReadInt32LittleEndian(span[12..]);
                height = BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
                width = BinaryPrimitives.ReadInt32LittleEndian(span[20..]);
                // The whole key is stored, so a hash collision or a copied folder never serves another setting's frames.
                if (!span[24..].SequenceEqual(keyBytes)) return null;
                if (stream.Length != dataOffset + (long)rows * timesteps * channels * height * width * HalfSize) return null;
            }
            var manifest = JsonSerializer.Deserialize<FramePackManifest>(File.ReadAllText(ManifestPath(path)), JsonDefaults.Options);
            if (manifest is null || manifest.Key != key || manifest.Ids.Count != rows) return null;
            var store = new MappedFrameStore(path, dataOffset, rows, timesteps * channels * height * width);
            return (store, manifest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidDataException)
        {
            return null;
        }
    }

    private static string ManifestPath(string path) => System.IO.Path.ChangeExtension(path, ".json");

    private static string KeyFor(string dataset, string samplesHash, FrameIntegrationSettings settings) =>
        $"{dataset}\n{settings.CacheKey}\n{samplesHash}";

    /// <summary>First 16 hex digits of a hash over every sample's id, label, place in its file and file size.</summary>
    private static string SamplesHash(IReadOnlyList<DatasetSample> samples)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var s in samples)
        {
            if (!sizes.TryGetValue(s.File, out var size))
            {
                try { size = new FileInfo(s.File).Length; }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { size = -1; }
                sizes[s.File] = size;
            }
            hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
                $"{s.Id}\u0000{s.Label}\u0000{System.IO.Path.GetFileName(s.File)}\u0000{s.Item}\u0000{s.StartUs}\u0000{s.EndUs}\u0000{size}\n")));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static long AlignUp(long value, int alignment) => (value + alignment - 1) / alignment * alignment;

    private static double? ReadProgress(string file)
    {
        try
        {
            return double.TryParse(File.ReadAllText(file), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryWriteProgress(string file, double fraction)
    {
        try
        {
            File.WriteAllText(file, fraction.ToString("R", CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            if (File.Exists(file)) File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
