using System.Buffers.Binary;
using System.Text;

namespace Snnsweep.Trainer.Data.Frames;

/// <summary>
/// Integrated frames on disk under one data root, shared by every trial and silo that mounts it:
/// <c>&lt;root&gt;/.snnsweep/frames/&lt;dataset&gt;/&lt;settings hash&gt;/&lt;sample id&gt;.frames</c>, keyed by dataset, sample,
/// integration settings and output size (the size is part of the settings key). Writes go to a unique temp file
/// in the same folder and are renamed into place, so readers never see a partial file and concurrent writers of the
/// same entry (which produce identical bytes) simply replace each other. A damaged entry reads as a miss.
/// </summary>
public sealed class FrameCache
{
    private static readonly byte[] Magic = "SNNFRAME"u8.ToArray();
    private const int FormatVersion = 1;
    private long _hits;
    private long _misses;

    public FrameCache(string dataRoot)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataRoot);
        Directory = Path.Combine(Path.GetFullPath(dataRoot), ".snnsweep", "frames");
    }

    /// <summary>Folder holding all cached frames.</summary>
    public string Directory { get; }

    public long Hits => Interlocked.Read(ref _hits);

    public long Misses => Interlocked.Read(ref _misses);

    /// <summary>Returns the cached frames, or computes, stores and returns them.</summary>
    public FrameTensor GetOrCreate(string dataset, string sampleId, FrameIntegrationSettings settings, Func<FrameTensor> integrate)
    {
        var path = PathFor(dataset, sampleId, settings);
        var key = KeyText(dataset, sampleId, settings);
        if (TryRead(path, key) is { } cached)
        {
            Interlocked.Increment(ref _hits);
            return cached;
        }
        Interlocked.Increment(ref _misses);
        var tensor = integrate();
        Write(path, key, tensor);
        var description = Path.Combine(SettingsFolder(dataset, settings), "settings.txt");
        if (!File.Exists(description)) WriteAtomically(description, Encoding.UTF8.GetBytes(settings.CacheKey + "\n"));
        return tensor;
    }

    public bool Contains(string dataset, string sampleId, FrameIntegrationSettings settings) =>
        TryRead(PathFor(dataset, sampleId, settings), KeyText(dataset, sampleId, settings)) is not null;

    /// <summary>Where an entry lives. Sample ids may contain '/' (kept as sub-folders); other unsafe characters become '_'.</summary>
    public string PathFor(string dataset, string sampleId, FrameIntegrationSettings settings)
    {
        var segments = sampleId.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(SafeSegment).ToArray();
        if (segments.Length == 0) throw new ArgumentException("Sample id is empty.", nameof(sampleId));
        return Path.Combine(SettingsFolder(dataset, settings), Path.Combine(segments) + ".frames");
    }

    /// <summary>The folder of one (dataset, settings) pair; it also holds a readable <c>settings.txt</c>.</summary>
    public string SettingsFolder(string dataset, FrameIntegrationSettings settings) => Path.Combine(Directory, SafeSegment(dataset), settings.CacheKeyHash);

    private static string KeyText(string dataset, string sampleId, FrameIntegrationSettings settings) => $"{dataset}\n{sampleId}\n{settings.CacheKey}";

    private static string SafeSegment(string segment)
    {
        if (segment is "." or "..") return "_" + segment.Length;
        var chars = segment.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray();
        return new string(chars);
    }

    private static FrameTensor? TryRead(string path, string key)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var headerSize = Magic.Length + 4 + 4 + keyBytes.Length + 16;
        if (bytes.Length < headerSize || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic)) return null;
        var span = bytes.AsSpan(Magic.Length);
        if (BinaryPrimitives.ReadInt32LittleEndian(span) != FormatVersion) return null;
        var keyLength = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        // The full key is stored so a hash collision or a renamed folder can never serve another sample's frames.
        if (keyLength != keyBytes.Length || !span.Slice(8, keyLength).SequenceEqual(keyBytes)) return null;
        var dims = span[(8 + keyLength)..];
        int frames = BinaryPrimitives.ReadInt32LittleEndian(dims), channels = BinaryPrimitives.ReadInt32LittleEndian(dims[4..]);
        int height = BinaryPrimitives.ReadInt32LittleEndian(dims[8..]), width = BinaryPrimitives.ReadInt32LittleEndian(dims[12..]);
        if (frames < 0 || channels <= 0 || height <= 0 || width <= 0) return null;
        var count = (long)frames * channels * height * width;
        if (bytes.Length - headerSize != count * 4) return null;
        var data = new float[count];
        var payload = bytes.AsSpan(headerSize);
        for (var i = 0; i < data.Length; i++) data[i] = BinaryPrimitives.ReadSingleLittleEndian(payload[(4 * i)..]);
        return new FrameTensor(data, frames, channels, height, width);
    }

    private static void Write(string path, string key, FrameTensor tensor)
    {
        var folder = Path.GetDirectoryName(path)!;
        System.IO.Directory.CreateDirectory(folder);
        var keyBytes = Encoding.UTF8.GetBytes(key);
        var bytes = new byte[Magic.Length + 8 + keyBytes.Length + 16 + tensor.Data.Length * 4L];
        var span = bytes.AsSpan();
        Magic.CopyTo(span);
        span = span[Magic.Length..];
        BinaryPrimitives.WriteInt32LittleEndian(span, FormatVersion);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], keyBytes.Length);
        keyBytes.CopyTo(span[8..]);
        span = span[(8 + keyBytes.Length)..];
        BinaryPrimitives.WriteInt32LittleEndian(span, tensor.Frames);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], tensor.Channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[8..], tensor.Height);
        BinaryPrimitives.WriteInt32LittleEndian(span[12..], tensor.Width);
        span = span[16..];
        for (var i = 0; i < tensor.Data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(span[(4 * i)..], tensor.Data[i]);
        WriteAtomically(path, bytes);
    }

    /// <summary>Temp file beside the target (same file system), flushed, then renamed over it: readers see old or new, never half.</summary>
    internal static void WriteAtomically(string path, ReadOnlySpan<byte> bytes)
    {
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.None))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
