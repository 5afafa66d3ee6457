using System.Buffers.Binary;

namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// Decodes the LZ4 frame format (magic 04 22 4D 18) used by AEDAT 4 packets: frame descriptor, blocks with a
/// uint32 size whose top bit marks stored blocks, linked or independent blocks, optional checksums (skipped, not
/// verified: the container has its own integrity story and speed matters). Written in safe, bounds-checked code so
/// that corrupt input can only raise <see cref="DatasetFormatException"/>; output is capped by the caller.
/// </summary>
internal static class Lz4FrameDecoder
{
    private const uint FrameMagic = 0x184D2204;
    private const uint SkippableMagicMask = 0xFFFFFFF0;
    private const uint SkippableMagic = 0x184D2A50;
    private const int MinMatch = 4;

    /// <param name="maxOutput">Largest decompressed size accepted (an LZ4 stream expands at most ~255x).</param>
    /// <param name="baseOffset">File offset of <paramref name="source"/>, for error messages.</param>
    public static byte[] Decode(ReadOnlySpan<byte> source, long maxOutput, string name, long baseOffset)
    {
        var output = new byte[(int)Math.Min(Math.Max(64, source.Length * 4L), Math.Min(maxOutput, Array.MaxLength))];
        var written = 0;
        var position = 0;
        while (position < source.Length)
        {
            if (source.Length - position < 4) throw Fail(name, baseOffset + position, "truncated LZ4 frame magic");
            var magic = BinaryPrimitives.ReadUInt32LittleEndian(source[position..]);
            if ((magic & SkippableMagicMask) == SkippableMagic)
            {
                if (source.Length - position < 8) throw Fail(name, baseOffset + position, "truncated skippable frame");
                var skip = BinaryPrimitives.ReadUInt32LittleEndian(source[(position + 4)..]);
                if (skip > source.Length - position - 8) throw Fail(name, baseOffset + position, "skippable frame runs past the packet");
                position += 8 + (int)skip;
                continue;
            }
            if (magic != FrameMagic) throw Fail(name, baseOffset + position, $"bad LZ4 frame magic 0x{magic:x8}");
            position = DecodeFrame(source, position + 4, ref output, ref written, maxOutput, name, baseOffset);
        }
        return output.AsSpan(0, written).ToArray();
    }

    private static int DecodeFrame(ReadOnlySpan<byte> source, int position, ref byte[] output, ref int written, long maxOutput, string name, long baseOffset)
    {
        if (source.Length - position < 3) throw Fail(name, baseOffset + position, "truncated LZ4 frame descriptor");
        var flags = source[position];
        var blockDescriptor = source[position + 1];
        if (flags >> 6 != 1) throw Fail(name, baseOffset + position, $"unsupported LZ4 frame version {flags >> 6}");
        if ((flags & 0x02) != 0 || (blockDescriptor & 0x8F) != 0) throw Fail(name, baseOffset + position, "reserved LZ4 descriptor bits are set");
        var blockChecksum = (flags & 0x10) != 0;
        var contentSize = (flags & 0x08) != 0;
        var contentChecksum = (flags & 0x04) != 0;
        var dictionaryId = (flags & 0x01) != 0;
        var blockMaxCode = (blockDescriptor >> 4) & 0x7;
        if (blockMaxCode < 4) throw Fail(name, baseOffset + position + 1, $"invalid LZ4 block maximum size code {blockMaxCode}");
        var blockMax = 1 << (8 + 2 * blockMaxCode);
        position += 2 + (contentSize ? 8 : 0) + (dictionaryId ? 4 : 0) + 1; // descriptor, optional fields, header checksum
        if (position > source.Length) throw Fail(name, baseOffset + source.Length, "truncated LZ4 frame descriptor");
        if (dictionaryId) throw Fail(name, baseOffset + position, "LZ4 frames with an external dictionary are not supported");
        var frameStart = written;
        while (true)
        {
            if (source.Length - position < 4) throw Fail(name, baseOffset + position, "truncated LZ4 block size");
            var blockSize = BinaryPrimitives.ReadUInt32LittleEndian(source[position..]);
            position += 4;
            if (blockSize == 0) break; // end mark
            var stored = (blockSize & 0x8000_0000u) != 0;
            var length = (int)(blockSize & 0x7FFF_FFFF);
            if (length > blockMax || length > source.Length - position)
                throw Fail(name, baseOffset + position - 4, $"LZ4 block of {length} bytes exceeds the block maximum or the packet");
            var block = source.Slice(position, length);
            if (stored)
            {
                Ensure(ref output, written, length, maxOutput, name, baseOffset + position);
                block.CopyTo(output.AsSpan(written));
                written += length;
            }
            else
            {
                written = DecodeBlock(block, ref output, written, frameStart, maxOutput, name, baseOffset + position);
            }
            position += length + (blockChecksum ? 4 : 0);
            if (position > source.Length) throw Fail(name, baseOffset + source.Length, "truncated LZ4 block checksum");
        }
        position += contentChecksum ? 4 : 0;
        if (position > source.Length) throw Fail(name, baseOffset + source.Length, "truncated LZ4 content checksum");
        return position;
    }

    /// <summary>Decodes one LZ4 block; matches may reach back into earlier blocks of the same frame (linked mode).</summary>
    private static int DecodeBlock(ReadOnlySpan<byte> block, ref byte[] output, int written, int frameStart, long maxOutput, string name, long blockOffset)
    {
        var ip = 0;
        while (true)
        {
            if (ip >= block.Length) throw Fail(name, blockOffset + ip, "LZ4 block ends without its last literals");
            int token = block[ip++];
            var literals = token >> 4;
            if (literals == 15) literals += ReadLengthExtension(block, ref ip, name, blockOffset);
            if (literals > block.Length - ip) throw Fail(name, blockOffset + ip, "LZ4 literal run exceeds the block");
            Ensure(ref output, written, literals, maxOutput, name, blockOffset + ip);
            block.Slice(ip, literals).CopyTo(output.AsSpan(written));
            ip += literals;
            written += literals;
            if (ip == block.Length) return written; // the last sequence has literals only
            if (block.Length - ip < 2) throw Fail(name, blockOffset + ip, "truncated LZ4 match offset");
            int distance = BinaryPrimitives.ReadUInt16LittleEndian(block[ip..]);
            ip += 2;
            if (distance == 0 || distance > written - frameStart) throw Fail(name, blockOffset + ip - 2, $"LZ4 match offset {distance} points before the frame");
            var matchLength = token & 0xF;
            if (matchLength == 15) matchLength += ReadLengthExtension(block, ref ip, name, blockOffset);
            matchLength += MinMatch;
            Ensure(ref output, written, matchLength, maxOutput, name, blockOffset + ip);
            var from = written - distance;
            if (distance >= matchLength)
            {
                output.AsSpan(from, matchLength).CopyTo(output.AsSpan(written));
            }
            else
            {
                // Overlapping copy replicates the last `distance` bytes (run-length encoding); must go byte by byte.
                for (var i = 0; i < matchLength; i++) output[written + i] = output[from + i];
            }
            written += matchLength;
        }
    }

    private static int ReadLengthExtension(ReadOnlySpan<byte> block, ref int ip, string name, long blockOffset)
    {
        var total = 0;
        byte next;
        do
        {
            if (ip >= block.Length) throw Fail(name, blockOffset + ip, "truncated LZ4 length");
            next = block[ip++];
            total += next;
            if (total > block.Length * 255 + 255) throw Fail(name, blockOffset + ip, "LZ4 length overflows");
        }
        while (next == 255);
        return total;
    }

    private static void Ensure(ref byte[] output, int written, int extra, long maxOutput, string name, long offset)
    {
        var needed = (long)written + extra;
        if (needed <= output.Length) return;
        if (needed > maxOutput) throw Fail(name, offset, $"LZ4 data inflates beyond {maxOutput} bytes");
        var capacity = Math.Min(Math.Max(needed, output.Length * 2L), Math.Min(maxOutput, Array.MaxLength));
        Array.Resize(ref output, (int)capacity);
    }

    private static DatasetFormatException Fail(string name, long offset, string problem) => new(name, offset, problem);
}
