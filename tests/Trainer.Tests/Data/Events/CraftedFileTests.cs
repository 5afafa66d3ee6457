using System.Buffers.Binary;
using System.IO.Compression;
using Snnsweep.Tests.DatasetFixtures;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Data.Events;

namespace Snnsweep.Trainer.Tests.Data.Events;

/// <summary>
/// Files made to exhaust memory (maximum-ratio zlib and LZ4, frame sizes taken from one far-away event) end as a
/// <see cref="DatasetFormatException"/> and nothing else, allocating at most a small multiple of their size.
/// </summary>
public sealed class CraftedFileTests
{
    /// <summary>Bytes a read may allocate per byte of file, plus <see cref="Constant"/>.</summary>
    private const long PerFileByte = 256;
    private const long Constant = 1 << 20;

    private static void RefusedWithinMemory(byte[] file, Func<byte[], EventStream> read, string expected)
    {
        DatasetFormatException? error = null;
        var before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            read(file);
        }
        catch (DatasetFormatException e)
        {
            error = e;
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(error);
        Assert.Contains(expected, error.Message);
        Assert.True(allocated <= PerFileByte * file.Length + Constant,
            $"reading a {file.Length}-byte file allocated {allocated} bytes (bound {PerFileByte * file.Length + Constant})");
    }

    private static byte[] MaxRatioZlib(int zeros)
    {
        using var output = new MemoryStream();
        using (var z = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var chunk = new byte[1 << 16];
            for (var left = zeros; left > 0; left -= chunk.Length) z.Write(chunk, 0, Math.Min(chunk.Length, left));
        }
        return output.ToArray();
    }

    private static byte[] MatWithCompressedElement(byte[] zlib)
    {
        var header = MatWriter.Write([], compress: false); // the 128-byte header alone
        var tag = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(tag, 15); // miCOMPRESSED
        BinaryPrimitives.WriteUInt32LittleEndian(tag.AsSpan(4), (uint)zlib.Length);
        return [.. header, .. tag, .. zlib];
    }

    [Fact]
    public void A_mat_file_of_maximum_ratio_compressed_zeros_is_refused_within_a_small_multiple_of_its_size()
    {
        var file = MatWithCompressedElement(MaxRatioZlib(16 << 20));
        Assert.True(file.Length < 32 << 10, $"the bomb is {file.Length} bytes");

        RefusedWithinMemory(file, b => CepDvsReader.Parse(b, "bomb.mat"), "inflates beyond");
    }

    [Fact]
    public void A_mat_file_whose_variable_is_millions_of_compressed_zeros_is_refused_within_a_small_multiple_of_its_size()
    {
        var file = MatWriter.Write([("x", new double[4 << 20], MatWriter.Storage.Int16)], compress: true);

        RefusedWithinMemory(file, b => CepDvsReader.Parse(b, "zeros.mat"), "inflates beyond");
    }

    /// <summary>
    /// One LZ4 block: an empty event packet as literals (so the decoded payload is a valid packet with trailing bytes),
    /// then one match of distance 1 as long as the block can say: the most LZ4 can expand (~255x).
    /// </summary>
    private static byte[] MaxRatioLz4Frame(int extensionBytes)
    {
        var literals = Aedat4Writer.EventPacket([]);
        var block = new List<byte> { 0xFF, (byte)(literals.Length - 15) }; // literal run 15 + extension, match length 15 + extension
        block.AddRange(literals);
        block.AddRange([0x01, 0x00]); // offset 1: repeat the last byte (a zero)
        block.AddRange(Enumerable.Repeat((byte)255, extensionBytes));
        block.Add(0);    // end of the length extension
        block.Add(0x00); // last sequence: no literals
        var frame = new List<byte> { 0x04, 0x22, 0x4D, 0x18, 0x60, 0x70, 0x00 }; // magic, FLG (v1, independent), BD (4 MB), HC
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(size, (uint)block.Count);
        frame.AddRange(size);
        frame.AddRange(block);
        frame.AddRange(new byte[4]); // end mark
        return [.. frame];
    }

    [Fact]
    public void An_aedat4_file_with_a_maximum_ratio_lz4_packet_is_refused_within_a_small_multiple_of_its_size()
    {
        var file = Aedat4Writer.WithEventPayloads([MaxRatioLz4Frame(256 << 10)]);

        RefusedWithinMemory(file, b => Aedat4Reader.Parse(b, "bomb.aedat4"), "inflates beyond");
    }

    [Fact]
    public void An_aedat4_file_with_many_maximum_ratio_lz4_packets_is_refused_within_a_small_multiple_of_its_size()
    {
        var file = Aedat4Writer.WithEventPayloads(Enumerable.Repeat(MaxRatioLz4Frame(4 << 10), 256));

        RefusedWithinMemory(file, b => Aedat4Reader.Parse(b, "bombs.aedat4"), "inflates beyond");
    }

    public static TheoryData<string> ReadersSizedByEvents => ["cep-dvs-mat", "prophesee-dat-headerless", "aedat4-declared"];

    [Theory]
    [MemberData(nameof(ReadersSizedByEvents))]
    public void One_event_at_16383_16383_is_refused_with_the_file_and_the_size_named(string reader)
    {
        TestEvent[] far = [new(16383, 16383, 10, 1)];
        var (file, read) = reader switch
        {
            "cep-dvs-mat" => (MatWriter.WriteCepDvs(far, compress: true), (Func<byte[], EventStream>)(b => CepDvsReader.Parse(b, "far-file"))),
            "prophesee-dat-headerless" => (PropheseeWriter.Dat(far, geometryLines: null), b => PropheseeDatReader.Parse(b, "far-file")),
            _ => (Aedat4Writer.Write(far, new Aedat4Writer.Options(Width: 16384, Height: 16384, WithImuStream: false)), b => Aedat4Reader.Parse(b, "far-file")),
        };

        RefusedWithinMemory(file, read, "16384x16384");
        var error = Assert.Throws<DatasetFormatException>(() => read(file));
        Assert.Contains("far-file", error.Message);
        Assert.Contains($"{SensorSize.MaxSide}", error.Message);
    }

    [Fact]
    public void A_sensor_of_at_most_4096_on_a_side_is_accepted_and_a_larger_one_is_refused()
    {
        Assert.Equal(new SensorSize(4096, 4096), SensorSize.Checked(4096, 4096, "f", 0));
        Assert.Equal(new SensorSize(1280, 720), SensorSize.Checked(1280, 720, "f", 0));
        Assert.Throws<DatasetFormatException>(() => SensorSize.Checked(4097, 1, "f", 0));
        Assert.Throws<DatasetFormatException>(() => SensorSize.Checked(1, 65536, "f", 0));
        Assert.Throws<DatasetFormatException>(() => SensorSize.Checked(0, 10, "f", 0));
    }
}
