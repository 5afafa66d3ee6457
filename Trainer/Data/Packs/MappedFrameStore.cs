using System.IO.MemoryMappedFiles;
using System.Numerics.Tensors;

namespace Snnsweep.Trainer.Data.Packs;

/// <summary>
/// The rows of a frame pack read straight from a read-only memory mapping of the file: every trial of a process
/// shares one mapping, and every process of a machine shares the page cache's one copy, so a second trial costs
/// no second copy of the dataset. Values are half floats (exact for counts up to 2,048; resized counts keep 11
/// significant bits), widened to float a vector at a time.
/// </summary>
public sealed unsafe class MappedFrameStore : IFrameStore, IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _data;

    internal MappedFrameStore(string path, long dataOffset, int rows, int rowSize)
    {
        Path = path;
        Rows = rows;
        RowSize = rowSize;
        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, mapName: null, capacity: 0, MemoryMappedFileAccess.Read);
        _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* start = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _data = start + _view.PointerOffset + dataOffset;
        var needed = dataOffset + (long)rows * rowSize * sizeof(Half);
        if ((long)_view.SafeMemoryMappedViewHandle.ByteLength < needed + _view.PointerOffset)
        {
            Dispose();
            throw new InvalidDataException($"{path}: the pack is shorter than its header says");
        }
    }

    public string Path { get; }

    public int Rows { get; }

    public int RowSize { get; }

    public void Read(int row, int start, Span<float> destination)
    {
        if ((uint)row >= (uint)Rows || start < 0 || start + destination.Length > RowSize) throw new ArgumentOutOfRangeException(nameof(row));
        var source = new ReadOnlySpan<Half>(_data + ((long)row * RowSize + start) * sizeof(Half), destination.Length);
        TensorPrimitives.ConvertToSingle(source, destination);
    }

    public void Dispose()
    {
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
