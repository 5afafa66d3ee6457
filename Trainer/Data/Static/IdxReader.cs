using System.Buffers.Binary;
using System.IO.Compression;

namespace Snnsweep.Trainer.Data.Static;

/// <summary>
/// Reads IDX files (MNIST, Fashion-MNIST), plain or gzip-compressed. Only unsigned-byte payloads
/// (type code 0x08) are accepted, which is what every dataset of that family ships.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByte = 0x08;
    private const int MaxDimensions = 4;

    public static IdxFile Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
            if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b) bytes = Gunzip(bytes, path);
        }
        catch (InvalidDataException e)
        {
            throw new DatasetFormatException(path, 0, "corrupt gzip stream", e);
        }
        return Parse(bytes, path);
    }

    /// <summary>Parses an uncompressed IDX image; <paramref name="name"/> is used in error messages.</summary>
    public static IdxFile Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length < 4) throw new DatasetFormatException(name, bytes.Length, "file too short for an IDX header");
        if (bytes[0] != 0 || bytes[1] != 0) throw new DatasetFormatException(name, 0, "not an IDX file (magic must start with two zero bytes)");
        if (bytes[2] != UnsignedByte) throw new DatasetFormatException(name, 2, $"IDX element type 0x{bytes[2]:x2} is not supported (only 0x08, unsigned byte)");
        int rank = bytes[3];
        if (rank is < 1 or > MaxDimensions) throw new DatasetFormatException(name, 3, $"IDX rank {rank} is outside 1..{MaxDimensions}");

        var headerLength = 4 + 4 * rank;
        if (bytes.Length < headerLength) throw new DatasetFormatException(name, bytes.Length, "file ends inside the IDX dimension table");
        var dimensions = new int[rank];
        long total = 1;
        for (var i = 0; i < rank; i++)
        {
            var size = BinaryPrimitives.ReadUInt32BigEndian(bytes[(4 + 4 * i)..]);
            total *= size;
            // Bound the allocation by the file: a corrupt header must not make us allocate gigabytes.
            if (size == 0 || total > bytes.Length - headerLength)
                throw new DatasetFormatException(name, 4 + 4 * i, $"IDX dimension {i} = {size} does not fit the {bytes.Length}-byte file");
            dimensions[i] = (int)size;
        }
        if (bytes.Length != headerLength + total)
            throw new DatasetFormatException(name, headerLength + total, $"IDX payload holds {bytes.Length - headerLength} bytes, the header declares {total}");
        return new IdxFile(dimensions, bytes[headerLength..].ToArray());
    }

    private static byte[] Gunzip(byte[] compressed, string path)
    {
        using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        using var output = new MemoryStream();
        // Fashion-MNIST's largest file inflates to 47 MB; a bomb that inflates far beyond is refused.
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            output.Write(buffer, 0, read);
            if (output.Length > 512L * 1024 * 1024) throw new DatasetFormatException(path, output.Length, "gzip stream inflates beyond 512 MiB");
        }
        return output.ToArray();
    }
}
