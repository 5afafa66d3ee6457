using System.Runtime.InteropServices;
using System.Numerics.Tensors;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Data.Packs;
using Snnsweep.Trainer.Data.Definitions;
using Snnsweep.Trainer.Training;

namespace Snnsweep.PackMemory;

/// <summary>
/// Which pack rows make up each split, worked out from the dataset's index and the pack's manifest exactly as
/// <see cref="DatasetCatalog"/> does (the same carve, exclusions and seeded order; the orchestrator checks labels and
/// values against the catalog's own splits), without touching the pack's mapping: the copy-per-trial peer reads the
/// file with read(2), so its process holds only its copies.
/// </summary>
public sealed class RowPlan
{
    private const int MagicLength = 8, HeaderInts = 6, HeaderAlignment = 64;

    private RowPlan(string path, long dataOffset, FramePackManifest manifest, IReadOnlyList<string> classes, (int[] Rows, int[] Labels)[] splits)
    {
        PackPath = path;
        DataOffset = dataOffset;
        Manifest = manifest;
        Classes = classes;
        Splits = splits;
    }

    public string PackPath { get; }

    public long DataOffset { get; }

    public FramePackManifest Manifest { get; }

    public IReadOnlyList<string> Classes { get; }

    /// <summary>Train, validation, test: pack row and label of each sample, in the split's order.</summary>
    public (int[] Rows, int[] Labels)[] Splits { get; }

    public int RowSize => Manifest.Timesteps * Manifest.Channels * Manifest.Height * Manifest.Width;

    public long RowBytes => (long)RowSize * 2;

    public static RowPlan For(DatasetCatalog catalog, DatasetRequest request)
    {
        var definition = catalog.EventDefinition(request.Dataset) ?? throw new ArgumentException("the demo has no frame pack");
        var index = definition.Index(catalog.Locations.RootOf(definition.Name));
        var packed = index.Samples.Where(s => s.Split is DatasetSplit.Train or DatasetSplit.Validation or DatasetSplit.Test).ToList();
        var path = FramePack.PathFor(catalog.Locations.DataRoot, definition.Name, packed, catalog.FrameSettings(request));
        var manifest = JsonSerializer.Deserialize<FramePackManifest>(File.ReadAllText(Path.ChangeExtension(path, ".json")), JsonDefaults.Options)
            ?? throw new InvalidDataException($"{path}: no manifest");
        var headerLength = MagicLength + 4 * HeaderInts + Encoding.UTF8.GetByteCount(manifest.Key);
        var dataOffset = (headerLength + HeaderAlignment - 1) / HeaderAlignment * HeaderAlignment;
        var rowBytes = 2L * manifest.Timesteps * manifest.Channels * manifest.Height * manifest.Width;
        if (new FileInfo(path).Length != dataOffset + manifest.Ids.Count * rowBytes)
            throw new InvalidDataException($"{path}: the file's length does not match its manifest (the pack format changed; update RowPlan)");

        var rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < manifest.Ids.Count; row++) rowOf[manifest.Ids[row]] = row;
        var excluded = manifest.Excluded.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var carved = index.WithValidation(DatasetCatalog.ValidationFraction, DatasetCatalog.SplitSeed);
        var splits = new[] { DatasetSplit.Train, DatasetSplit.Validation, DatasetSplit.Test }.Select(split =>
        {
            var members = carved.In(split).Where(s => !excluded.Contains(s.Id)).OrderBy(s => Rank(s.Id)).ThenBy(s => s.Id, StringComparer.Ordinal).ToList();
            return (members.Select(s => rowOf[s.Id]).ToArray(), members.Select(s => s.Label).ToArray());
        }).ToArray();
        return new RowPlan(path, dataOffset, manifest, index.Classes, splits);
    }

    /// <summary>A trial's own in-memory copy of every split (what a conventional dataset object holds), read from the pack file.</summary>
    public CopiedSplits Copy(string name, bool asFloat)
    {
        var total = Splits.Sum(s => s.Rows.Length);
        var store = new CopiedFrameStore(total, RowSize, asFloat);
        using (var handle = File.OpenHandle(PackPath, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            var buffer = asFloat ? new byte[RowBytes] : null;
            var at = 0;
            foreach (var (rows, _) in Splits)
                foreach (var row in rows)
                    store.Fill(at++, handle, DataOffset + row * RowBytes, buffer);
        }
        var from = 0;
        FrameDataset Split(int i)
        {
            var (rows, labels) = Splits[i];
            var dataset = new FrameDataset(store, Enumerable.Range(from, rows.Length).ToArray(), labels,
                Manifest.Timesteps, Manifest.Channels, Manifest.Height, Manifest.Width, Classes);
            from += rows.Length;
            return dataset;
        }
        var train = Split(0);
        var validation = Split(1);
        var test = Split(2);
        return new CopiedSplits(new DatasetSplits(name, train, validation, test, null), store);
    }

    private static ulong Rank(string id) =>
        BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"order\u0000{DatasetCatalog.SplitSeed}\u0000{id}")));
}

/// <summary>Splits over a trial's own copy; disposing frees the copy.</summary>
public sealed record CopiedSplits(DatasetSplits Splits, CopiedFrameStore Store) : IDisposable
{
    public void Dispose() => Store.Dispose();
}

/// <summary>Rows held in native memory, as half floats (the pack's own bytes: the smallest copy) or as floats.</summary>
public sealed unsafe class CopiedFrameStore : IFrameStore, IDisposable
{
    private readonly bool _float;
    private void* _data;

    public CopiedFrameStore(int rows, int rowSize, bool asFloat)
    {
        Rows = rows;
        RowSize = rowSize;
        _float = asFloat;
        Bytes = (long)rows * rowSize * (asFloat ? sizeof(float) : sizeof(ushort));
        _data = NativeMemory.Alloc((nuint)Bytes);
    }

    public int Rows { get; }

    public int RowSize { get; }

    public long Bytes { get; }

    public void Read(int row, int start, Span<float> destination)
    {
        if ((uint)row >= (uint)Rows || start < 0 || start + destination.Length > RowSize) throw new ArgumentOutOfRangeException(nameof(row));
        var offset = (long)row * RowSize + start;
        if (_float) new ReadOnlySpan<float>((float*)_data + offset, destination.Length).CopyTo(destination);
        else TensorPrimitives.ConvertToSingle(new ReadOnlySpan<Half>((Half*)_data + offset, destination.Length), destination);
    }

    /// <summary>Row <paramref name="row"/> from the pack file at <paramref name="offset"/> (read(2), not the mapping).</summary>
    internal void Fill(int row, Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, byte[]? buffer)
    {
        var halfBytes = RowSize * 2;
        var target = _float ? buffer.AsSpan() : new Span<byte>((byte*)_data + (long)row * halfBytes, halfBytes);
        for (var done = 0; done < halfBytes;)
        {
            var read = RandomAccess.Read(handle, target[done..], offset + done);
            if (read <= 0) throw new EndOfStreamException($"the pack ends inside row {row}");
            done += read;
        }
        if (_float)
            TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(buffer.AsSpan()), new Span<float>((float*)_data + (long)row * RowSize, RowSize));
    }

    public void Dispose()
    {
        if (_data is null) return;
        NativeMemory.Free(_data);
        _data = null;
    }
}
