using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>
/// Writes MATLAB level-5 MAT-files (little-endian) with numeric column vectors, plain or miCOMPRESSED, the way
/// <c>save</c> stores CEP-DVS samples (x, y, ts, p with p = -1/+1); small names use the packed tag form.
/// </summary>
public static class MatWriter
{
    public enum Storage { Double = 9, Int16 = 3, UInt16 = 4 }

    public static byte[] Write(IEnumerable<(string Name, double[] Values, Storage Storage)> variables, bool compress)
    {
        var output = new List<byte>();
        var header = Encoding.ASCII.GetBytes("MATLAB 5.0 MAT-file, Platform: GLNXA64, Created on: Mon Jan  1 00:00:00 2024".PadRight(116));
        output.AddRange(header);
        output.AddRange(new byte[8]); // subsystem offset
        output.AddRange([0x00, 0x01, (byte)'I', (byte)'M']);
        foreach (var (name, values, storage) in variables)
        {
            var matrix = Element(14, Matrix(name, values, storage));
            if (!compress)
            {
                output.AddRange(matrix);
                continue;
            }
            using var compressed = new MemoryStream();
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(matrix);
            output.AddRange(Element(15, compressed.ToArray(), pad: false));
        }
        return output.ToArray();
    }

    /// <summary>CEP-DVS sample: x, y as uint16, ts as double, p as int16 -1/+1.</summary>
    public static byte[] WriteCepDvs(IReadOnlyList<TestEvent> events, bool compress) => Write(
    [
        ("x", events.Select(e => (double)e.X).ToArray(), Storage.UInt16),
        ("y", events.Select(e => (double)e.Y).ToArray(), Storage.UInt16),
        ("ts", events.Select(e => (double)e.T).ToArray(), Storage.Double),
        ("p", events.Select(e => e.P == 1 ? 1.0 : -1.0).ToArray(), Storage.Int16),
    ], compress);

    private static byte[] Matrix(string name, double[] values, Storage storage)
    {
        var flags = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(flags, 6); // mxDOUBLE_CLASS
        var dims = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(dims, values.Length);
        BinaryPrimitives.WriteInt32LittleEndian(dims.AsSpan(4), 1);
        var width = storage == Storage.Double ? 8 : 2;
        var data = new byte[values.Length * width];
        for (var i = 0; i < values.Length; i++)
        {
            var at = data.AsSpan(i * width);
            switch (storage)
            {
                case Storage.Double: BinaryPrimitives.WriteDoubleLittleEndian(at, values[i]); break;
                case Storage.Int16: BinaryPrimitives.WriteInt16LittleEndian(at, (short)values[i]); break;
                default: BinaryPrimitives.WriteUInt16LittleEndian(at, (ushort)values[i]); break;
            }
        }
        return [.. Element(6, flags), .. Element(5, dims), .. SmallOrLong(1, Encoding.ASCII.GetBytes(name)), .. Element((int)storage, data)];
    }

    private static byte[] SmallOrLong(int type, byte[] data)
    {
        if (data.Length > 4) return Element(type, data);
        var small = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(small, (uint)(type | (data.Length << 16)));
        data.CopyTo(small, 4);
        return small;
    }

    private static byte[] Element(int type, byte[] data, bool pad = true)
    {
        var padded = pad ? (data.Length + 7) / 8 * 8 : data.Length;
        var element = new byte[8 + padded];
        BinaryPrimitives.WriteUInt32LittleEndian(element, (uint)type);
        BinaryPrimitives.WriteUInt32LittleEndian(element.AsSpan(4), (uint)data.Length);
        data.CopyTo(element, 8);
        return element;
    }
}
