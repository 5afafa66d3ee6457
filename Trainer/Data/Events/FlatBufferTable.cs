using System.Buffers.Binary;
using System.Text;

namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// A bounds-checked view of one FlatBuffers table: just enough of the wire format (root offset, vtable, scalar fields,
/// strings, vectors of structs) to read AEDAT 4 headers and event packets without generated code. Every offset is
/// checked against the buffer, so a corrupt buffer raises <see cref="DatasetFormatException"/> instead of reading wild.
/// </summary>
internal readonly ref struct FlatBufferTable
{
    private readonly ReadOnlySpan<byte> _buffer;
    private readonly int _table;
    private readonly int _vtable;
    private readonly int _vtableSize;
    private readonly string _name;
    private readonly long _baseOffset;

    private FlatBufferTable(ReadOnlySpan<byte> buffer, int table, string name, long baseOffset)
    {
        _buffer = buffer;
        _table = table;
        _name = name;
        _baseOffset = baseOffset;
        var vtable = (long)table - ReadInt32(table);
        if (vtable < 0 || vtable > buffer.Length - 4) throw Fail(table, $"vtable offset {vtable} lies outside the {buffer.Length}-byte buffer");
        _vtable = (int)vtable;
        _vtableSize = BinaryPrimitives.ReadUInt16LittleEndian(buffer[_vtable..]);
        if (_vtableSize < 4 || _vtableSize % 2 != 0 || _vtable + (long)_vtableSize > buffer.Length)
            throw Fail(_vtable, $"vtable size {_vtableSize} is invalid");
    }

    /// <summary>Opens the root table of a buffer (the uint32 root offset at <paramref name="start"/>, relative to it).</summary>
    /// <param name="baseOffset">Where <paramref name="buffer"/> starts in the file, for error messages.</param>
    public static FlatBufferTable Root(ReadOnlySpan<byte> buffer, int start, string name, long baseOffset)
    {
        if (buffer.Length - start < 8) throw new DatasetFormatException(name, baseOffset + start, "FlatBuffer shorter than its 8-byte preamble");
        var root = (long)start + BinaryPrimitives.ReadUInt32LittleEndian(buffer[start..]);
        if (root > buffer.Length - 4) throw new DatasetFormatException(name, baseOffset + start, $"FlatBuffer root offset {root} lies outside the {buffer.Length}-byte buffer");
        return new FlatBufferTable(buffer, (int)root, name, baseOffset);
    }

    /// <summary>Byte position of a field inside the buffer, or -1 when the field is absent (default value).</summary>
    private int FieldPosition(int field, int width)
    {
        var entry = 4 + 2 * field;
        if (entry + 2 > _vtableSize) return -1;
        int relative = BinaryPrimitives.ReadUInt16LittleEndian(_buffer[(_vtable + entry)..]);
        if (relative == 0) return -1;
        var position = (long)_table + relative;
        if (position + width > _buffer.Length) throw Fail(_table, $"field {field} at {position} lies outside the buffer");
        return (int)position;
    }

    public int GetInt32(int field, int defaultValue)
    {
        var at = FieldPosition(field, 4);
        return at < 0 ? defaultValue : BinaryPrimitives.ReadInt32LittleEndian(_buffer[at..]);
    }

    public long GetInt64(int field, long defaultValue)
    {
        var at = FieldPosition(field, 8);
        return at < 0 ? defaultValue : BinaryPrimitives.ReadInt64LittleEndian(_buffer[at..]);
    }

    public string? GetString(int field)
    {
        var (start, length) = GetVector(field, 1);
        return start < 0 ? null : Encoding.UTF8.GetString(_buffer.Slice(start, length));
    }

    /// <summary>Start of the first element and element count of a vector field; (-1, 0) when absent.</summary>
    public (int Start, int Count) GetVector(int field, int elementSize)
    {
        var at = FieldPosition(field, 4);
        if (at < 0) return (-1, 0);
        var vector = (long)at + BinaryPrimitives.ReadUInt32LittleEndian(_buffer[at..]);
        if (vector > _buffer.Length - 4) throw Fail(at, $"vector of field {field} at {vector} lies outside the buffer");
        var count = BinaryPrimitives.ReadUInt32LittleEndian(_buffer[(int)vector..]);
        var start = vector + 4;
        if (count * (long)elementSize > _buffer.Length - start)
            throw Fail((int)vector, $"vector of field {field} declares {count} elements of {elementSize} bytes, more than the buffer holds");
        return ((int)start, (int)count);
    }

    private int ReadInt32(int at)
    {
        if (at < 0 || at > _buffer.Length - 4) throw Fail(at, "table offset lies outside the buffer");
        return BinaryPrimitives.ReadInt32LittleEndian(_buffer[at..]);
    }

    private DatasetFormatException Fail(long at, string problem) => new(_name, _baseOffset + at, $"corrupt FlatBuffer: {problem}");
}
