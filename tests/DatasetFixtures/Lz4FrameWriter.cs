using System.Buffers.Binary;

namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>
/// Writes LZ4 frames (magic 04 22 4D 18) with a small greedy block compressor, so tests exercise literal runs,
/// matches, overlapping matches, stored blocks and optional block checksums, as DV's recorder produces them.
/// </summary>
public static class Lz4FrameWriter
{
    public static byte[] Write(ReadOnlySpan<byte> data, int blockSize = 64 * 1024, bool storeUncompressed = false, bool blockChecksums = false, bool contentSize = false)
    {
        var output = new List<byte> { 0x04, 0x22, 0x4D, 0x18 };
        var flags = (byte)(0x40 | (blockChecksums ? 0x10 : 0) | (contentSize ? 0x08 : 0));
        output.Add(flags);
        output.Add(0x40); // 64 KB blocks
        if (contentSize)
        {
            var size = new byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)data.Length);
            output.AddRange(size);
        }
        output.Add(0x00); // header checksum (not verified by the reader)
        for (var start = 0; start < data.Length; start += blockSize)
        {
            var block = data.Slice(start, Math.Min(blockSize, data.Length - start));
            var compressed = storeUncompressed ? null : CompressBlock(block);
            var stored = compressed is null || compressed.Length >= block.Length;
            var payload = stored ? block.ToArray() : compressed!;
            var header = new byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)payload.Length | (stored ? 0x8000_0000u : 0));
            output.AddRange(header);
            output.AddRange(payload);
            if (blockChecksums) output.AddRange(new byte[4]);
        }
        output.AddRange(new byte[4]); // end mark
        return output.ToArray();
    }

    /// <summary>Greedy LZ4 block: look back up to 64 bytes for a match of at least 4, respecting the end-of-block rules.</summary>
    public static byte[] CompressBlock(ReadOnlySpan<byte> src)
    {
        var output = new List<byte>();
        int anchor = 0, i = 0;
        var n = src.Length;
        while (i + 12 <= n)
        {
            int bestLength = 0, bestDistance = 0;
            for (var d = 1; d <= Math.Min(i, 64); d++)
            {
                var length = 0;
                while (i + length < n - 5 && src[i + length - d] == src[i + length]) length++;
                if (length > bestLength)
                {
                    bestLength = length;
                    bestDistance = d;
                }
            }
            if (bestLength < 4)
            {
                i++;
                continue;
            }
            Sequence(output, src[anchor..i], bestDistance, bestLength);
            i += bestLength;
            anchor = i;
        }
        var literals = src[anchor..];
        output.Add((byte)(Math.Min(literals.Length, 15) << 4));
        if (literals.Length >= 15) Length(output, literals.Length - 15);
        output.AddRange(literals.ToArray());
        return output.ToArray();
    }

    private static void Sequence(List<byte> output, ReadOnlySpan<byte> literals, int distance, int matchLength)
    {
        var m = matchLength - 4;
        output.Add((byte)((Math.Min(literals.Length, 15) << 4) | Math.Min(m, 15)));
        if (literals.Length >= 15) Length(output, literals.Length - 15);
        output.AddRange(literals.ToArray());
        output.Add((byte)distance);
        output.Add((byte)(distance >> 8));
        if (m >= 15) Length(output, m - 15);
    }

    private static void Length(List<byte> output, int rest)
    {
        while (rest >= 255)
        {
            output.Add(255);
            rest -= 255;
        }
        output.Add((byte)rest);
    }
}
