using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// A minimal MATLAB level-5 MAT-file reader (little-endian "IM" files): top-level numeric arrays, plain or inside
/// miCOMPRESSED (zlib) elements, as doubles. Cells, structs, sparse and complex parts are skipped. Enough for CEP-DVS
/// (variables x, y, ts, p). Decompression of the whole file together is capped at <see cref="MaxInflation"/> times the
/// file's size, so a bomb (a file of compressed zeros) ends as a <see cref="DatasetFormatException"/> with memory
/// bounded by a small multiple of the file.
/// </summary>
public static class MatFileReader
{
    private const int HeaderSize = 128;
    private const int MiInt8 = 1, MiUInt8 = 2, MiInt16 = 3, MiUInt16 = 4, MiInt32 = 5, MiUInt32 = 6, MiSingle = 7, MiDouble = 9;
    private const int MiInt64 = 12, MiUInt64 = 13, MiMatrix = 14, MiCompressed = 15;
    /// <summary>Everything inflated from one file stays within this many times its size (deflate itself allows ~1032:1).</summary>
    public const int MaxInflation = 32;

    public static IReadOnlyDictionary<string, double[]> Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length < HeaderSize || !AsciiHeader.StartsWith(bytes, "MATLAB 5.0 MAT-file"))
            throw new DatasetFormatException(name, 0, "not a MATLAB 5.0 MAT-file (missing 'MATLAB 5.0 MAT-file' text header)");
        if (bytes[126] != (byte)'I' || bytes[127] != (byte)'M')
            throw new DatasetFormatException(name, 126, "big-endian MAT-files are not supported");
        var variables = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var budget = (long)bytes.Length * MaxInflation + 4096;
        ReadElements(bytes[HeaderSize..], HeaderSize, name, variables, allowCompressed: true, ref budget);
        return variables;
    }

    private static void ReadElements(ReadOnlySpan<byte> data, long baseOffset, string name, Dictionary<string, double[]> variables, bool allowCompressed, ref long budget)
    {
        var offset = 0;
        while (offset < data.Length)
        {
            var (type, length, payloadStart, next) = ReadTag(data, offset, baseOffset, name);
            var payload = data.Slice(payloadStart, length);
            if (type == MiCompressed && allowCompressed)
            {
                var (inflated, inflatedLength) = Inflate(payload, name, baseOffset + payloadStart, budget);
                budget -= inflatedLength;
                ReadElements(inflated.AsSpan(0, inflatedLength), baseOffset + payloadStart, name, variables, allowCompressed: false, ref budget);
            }
            else if (type == MiMatrix)
            {
                ReadMatrix(payload, baseOffset + payloadStart, name, variables);
            }
            offset = next;
        }
    }

    /// <summary>Reads a data-element tag, long (8-byte) or small (both fields in 4 bytes); returns the next element's offset.</summary>
    private static (int Type, int Length, int PayloadStart, int Next) ReadTag(ReadOnlySpan<byte> data, int offset, long baseOffset, string name)
    {
        if (data.Length - offset < 8) throw new DatasetFormatException(name, baseOffset + offset, "truncated MAT data-element tag");
        var first = BinaryPrimitives.ReadUInt32LittleEndian(data[offset..]);
        if ((first >> 16) != 0)
        {
            var smallLength = (int)(first >> 16);
            if (smallLength > 4) throw new DatasetFormatException(name, baseOffset + offset, $"small MAT element declares {smallLength} bytes (at most 4)");
            return ((int)(first & 0xFFFF), smallLength, offset + 4, offset + 8);
        }
        var length = BinaryPrimitives.ReadUInt32LittleEndian(data[(offset + 4)..]);
        if (length > data.Length - offset - 8)
            throw new DatasetFormatException(name, baseOffset + offset, $"MAT element declares {length} bytes but {data.Length - offset - 8} remain");
        // Elements are padded to 8 bytes, except miCOMPRESSED ones, which MATLAB writes back to back.
        var end = offset + 8L + length;
        var next = first == MiCompressed ? end : (end + 7) & ~7L;
        return ((int)first, (int)length, offset + 8, (int)Math.Min(next, data.Length));
    }

    private static void ReadMatrix(ReadOnlySpan<byte> matrix, long baseOffset, string name, Dictionary<string, double[]> variables)
    {
        if (matrix.Length == 0) return; // empty placeholder element
        var (flagsType, flagsLength, flagsStart, offset) = ReadTag(matrix, 0, baseOffset, name);
        if (flagsType != MiUInt32 || flagsLength < 8) throw new DatasetFormatException(name, baseOffset, "MAT array flags are missing");
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(matrix[flagsStart..]);
        var arrayClass = (int)(flags & 0xFF);
        if (arrayClass is < 6 or > 15) return; // cell, struct, object, char, sparse: not needed here
        var (dimsType, dimsLength, dimsStart, afterDims) = ReadTag(matrix, offset, baseOffset, name);
        if (dimsType != MiInt32 || dimsLength < 8 || dimsLength % 4 != 0) throw new DatasetFormatException(name, baseOffset + offset, "MAT dimensions are missing");
        long elements = 1;
        for (var i = 0; i < dimsLength / 4; i++)
        {
            var d = BinaryPrimitives.ReadInt32LittleEndian(matrix[(dimsStart + 4 * i)..]);
            if (d < 0) throw new DatasetFormatException(name, baseOffset + dimsStart + 4 * i, $"negative MAT dimension {d}");
            elements *= d;
            if (elements > matrix.Length) throw new DatasetFormatException(name, baseOffset + dimsStart, "MAT dimensions exceed the stored data");
        }
        var (nameType, nameLength, nameStart, afterName) = ReadTag(matrix, afterDims, baseOffset, name);
        if (nameType != MiInt8) throw new DatasetFormatException(name, baseOffset + afterDims, "MAT array name is missing");
        var variable = Encoding.ASCII.GetString(matrix.Slice(nameStart, nameLength));
        var (realType, realLength, realStart, _) = ReadTag(matrix, afterName, baseOffset, name);
        var width = ElementWidth(realType) ?? throw new DatasetFormatException(name, baseOffset + afterName, $"MAT numeric type {realType} is not supported");
        if (realLength != elements * width)
            throw new DatasetFormatException(name, baseOffset + afterName, $"MAT variable '{variable}' stores {realLength} bytes, its {elements} elements need {elements * width}");
        var values = new double[elements];
        var real = matrix.Slice(realStart, realLength);
        for (var i = 0; i < values.Length; i++) values[i] = ReadValue(real, i * width, realType);
        variables[variable] = values;
    }

    private static int? ElementWidth(int type) => type switch
    {
        MiInt8 or MiUInt8 => 1,
        MiInt16 or MiUInt16 => 2,
        MiInt32 or MiUInt32 or MiSingle => 4,
        MiDouble or MiInt64 or MiUInt64 => 8,
        _ => null,
    };

    private static double ReadValue(ReadOnlySpan<byte> data, int at, int type) => type switch
    {
        MiInt8 => (sbyte)data[at],
        MiUInt8 => data[at],
        MiInt16 => BinaryPrimitives.ReadInt16LittleEndian(data[at..]),
        MiUInt16 => BinaryPrimitives.ReadUInt16LittleEndian(data[at..]),
        MiInt32 => BinaryPrimitives.ReadInt32LittleEndian(data[at..]),
        MiUInt32 => BinaryPrimitives.ReadUInt32LittleEndian(data[at..]),
        MiSingle => BinaryPrimitives.ReadSingleLittleEndian(data[at..]),
        MiDouble => BinaryPrimitives.ReadDoubleLittleEndian(data[at..]),
        MiInt64 => BinaryPrimitives.ReadInt64LittleEndian(data[at..]),
        _ => BinaryPrimitives.ReadUInt64LittleEndian(data[at..]),
    };

    /// <summary>Inflates one element into a buffer that grows by doubling, never past <paramref name="limit"/> bytes.</summary>
    private static (byte[] Buffer, int Length) Inflate(ReadOnlySpan<byte> compressed, string name, long offset, long limit)
    {
        limit = Math.Min(Math.Max(0, limit), Array.MaxLength);
        try
        {
            using var input = new ZLibStream(new MemoryStream(compressed.ToArray(), writable: false), CompressionMode.Decompress);
            var output = new byte[(int)Math.Min(Math.Max(256, compressed.Length * 4L), limit + 1)];
            var length = 0;
            while (true)
            {
                if (length == output.Length)
                {
                    if (length > limit)
                        throw new DatasetFormatException(name, offset,
                            $"compressed MAT data inflates beyond {MaxInflation} times the file's size ({limit} bytes left of the budget)");
                    Array.Resize(ref output, (int)Math.Min(output.Length * 2L, limit + 1));
                }
                var read = input.Read(output, length, output.Length - length);
                if (read == 0) break;
                length += read;
            }
            if (length > limit)
                throw new DatasetFormatException(name, offset, $"compressed MAT data inflates beyond {MaxInflation} times the file's size ({limit} bytes left of the budget)");
            return (output, length);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException(name, offset, $"corrupt zlib stream in a compressed MAT element ({e.Message})", e);
        }
    }
}
