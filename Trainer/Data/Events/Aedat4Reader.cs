using System.Buffers.Binary;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// Reads AEDAT 4.0 (DV software; N-Omniglot, CIFAR10-DVS re-release): 14-byte magic, a length-prefixed IOHeader
/// FlatBuffer (compression, data-table position, XML description), then (stream id, length, payload) packets up to
/// the data table. Payloads are LZ4 frames or raw size-prefixed FlatBuffers; the events of the lowest-id <c>EVTS</c>
/// stream (Tonic's choice) are returned with their absolute timestamps. FlatBuffers are walked by hand
/// (<see cref="FlatBufferTable"/>) and LZ4 is decoded by <see cref="Lz4FrameDecoder"/>: no generated code, no native code.
/// </summary>
public static class Aedat4Reader
{
    private const string Magic = "#!AER-DAT4.0\r\n";
    private const int PacketHeaderSize = 8;
    private const int EventStructSize = 16;
    /// <summary>
    /// All packets of a file together decode to at most this many times the file's size (event structs compress a
    /// few times at most; LZ4 itself allows ~255x, which a crafted packet would use to exhaust memory).
    /// </summary>
    public const int MaxExpansion = 32;

    private enum Compression { None = 0, Lz4 = 1, Lz4High = 2, Zstd = 3, ZstdHigh = 4 }

    public static EventStream Read(string path) => Parse(DataFile.ReadAllBytes(path), path);

    /// <summary>The streams the file's description declares.</summary>
    public static IReadOnlyList<Aedat4Stream> ReadStreams(ReadOnlySpan<byte> bytes, string name) => ParseHeader(bytes, name).Streams;

    public static EventStream Parse(ReadOnlySpan<byte> bytes, string name)
    {
        var header = ParseHeader(bytes, name);
        var events = header.Streams.Where(s => s.TypeIdentifier == "EVTS").OrderBy(s => s.Id).FirstOrDefault()
            ?? throw new DatasetFormatException(name, 18, "the description declares no EVTS (polarity event) stream");
        if (events.Width is not > 0 || events.Height is not > 0)
            throw new DatasetFormatException(name, 18, $"EVTS stream {events.Id} has no valid sizeX/sizeY in its description");
        var sensor = SensorSize.Checked(events.Width.Value, events.Height.Value, name, 18);

        // Everything decoded from the file's packets together stays within MaxExpansion times the file's size.
        var budget = (long)bytes.Length * MaxExpansion + 4096;
        var buffer = new EventBuffer(budget / EventStructSize + 1);
        var end = header.DataTablePosition < 0 ? bytes.Length : header.DataTablePosition;
        if (end > bytes.Length || end < header.PacketsStart)
            throw new DatasetFormatException(name, 22, $"data table position {header.DataTablePosition} lies outside the {bytes.Length}-byte file");
        var offset = header.PacketsStart;
        while (offset < end)
        {
            if (end - offset < PacketHeaderSize)
                throw new DatasetFormatException(name, offset, "file ends inside a packet header");
            var streamId = BinaryPrimitives.ReadInt32LittleEndian(bytes[(int)offset..]);
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[((int)offset + 4)..]);
            var payloadStart = offset + PacketHeaderSize;
            if (length < 0 || length > end - payloadStart)
                throw new DatasetFormatException(name, offset, $"packet declares {length} bytes but {end - payloadStart} remain before the data table");
            if (streamId == events.Id)
            {
                var payload = bytes.Slice((int)payloadStart, length);
                var decoded = header.Compression switch
                {
                    Compression.None => payload.ToArray(),
                    Compression.Lz4 or Compression.Lz4High => Lz4FrameDecoder.Decode(payload, Math.Max(0, budget), name, payloadStart),
                    _ => throw new DatasetFormatException(name, 18, $"compression {header.Compression} (zstd) is not supported; re-export with LZ4"),
                };
                budget -= decoded.Length;
                DecodeEventPacket(decoded, buffer, sensor, name, payloadStart);
            }
            offset = payloadStart + length;
        }
        return buffer.ToStream(sensor.Width, sensor.Height);
    }

    /// <summary>A size-prefixed <c>EventPacket { elements: [Event] }</c> FlatBuffer with 16-byte event structs.</summary>
    private static void DecodeEventPacket(ReadOnlySpan<byte> packet, EventBuffer buffer, SensorSize sensor, string name, long fileOffset)
    {
        if (packet.Length < 8) throw new DatasetFormatException(name, fileOffset, "event packet shorter than its FlatBuffer preamble");
        var declared = BinaryPrimitives.ReadUInt32LittleEndian(packet);
        if (declared > packet.Length - 4) throw new DatasetFormatException(name, fileOffset, $"event packet size prefix {declared} exceeds the {packet.Length - 4} decoded bytes");
        var table = FlatBufferTable.Root(packet, 4, name, fileOffset);
        var (start, count) = table.GetVector(0, EventStructSize);
        for (var i = 0; i < count; i++)
        {
            var e = packet.Slice(start + i * EventStructSize, EventStructSize);
            var t = BinaryPrimitives.ReadInt64LittleEndian(e);
            int x = BinaryPrimitives.ReadInt16LittleEndian(e[8..]);
            int y = BinaryPrimitives.ReadInt16LittleEndian(e[10..]);
            if (!sensor.Contains(x, y))
                throw new DatasetFormatException(name, fileOffset, $"event {i} of a packet at ({x}, {y}) lies outside the {sensor} sensor (offset of the packet given; the payload is compressed)");
            if (t < 0) throw new DatasetFormatException(name, fileOffset, $"event {i} of a packet has negative timestamp {t}");
            buffer.TryAdd(x, y, t, e[12] != 0 ? (byte)1 : (byte)0);
        }
    }

    private sealed record Header(Compression Compression, long DataTablePosition, IReadOnlyList<Aedat4Stream> Streams, long PacketsStart);

    private static Header ParseHeader(ReadOnlySpan<byte> bytes, string name)
    {
        if (!AsciiHeader.StartsWith(bytes, Magic)) throw new DatasetFormatException(name, 0, "not an AEDAT 4.0 file (missing '#!AER-DAT4.0' magic)");
        if (bytes.Length < 18) throw new DatasetFormatException(name, bytes.Length, "file ends before the IOHeader length");
        var length = BinaryPrimitives.ReadUInt32LittleEndian(bytes[14..]);
        if (length > bytes.Length - 18) throw new DatasetFormatException(name, 14, $"IOHeader length {length} exceeds the file");
        var ioHeader = bytes.Slice(18, (int)length);
        var table = FlatBufferTable.Root(ioHeader, 0, name, 18);
        var compression = table.GetInt32(0, 0);
        if (compression is < 0 or > 4) throw new DatasetFormatException(name, 18, $"unknown compression code {compression}");
        var dataTable = table.GetInt64(1, -1);
        var description = table.GetString(2) ?? throw new DatasetFormatException(name, 18, "IOHeader has no description");
        return new Header((Compression)compression, dataTable, ParseDescription(description, name), 18 + length);
    }

    /// <summary>Reads the streams of the DV description XML (<c>outInfo/&lt;id&gt;</c> nodes with <c>typeIdentifier</c> and <c>info/sizeX</c>).</summary>
    private static List<Aedat4Stream> ParseDescription(string xml, string name)
    {
        XElement root;
        try
        {
            root = XElement.Parse(xml, LoadOptions.None);
        }
        catch (XmlException e)
        {
            throw new DatasetFormatException(name, 18, $"IOHeader description is not valid XML ({e.Message})", e);
        }
        var outInfo = root.Elements("node").FirstOrDefault(n => (string?)n.Attribute("name") == "outInfo")
            ?? throw new DatasetFormatException(name, 18, "description has no outInfo node");
        var streams = new List<Aedat4Stream>();
        foreach (var node in outInfo.Elements("node"))
        {
            if (!int.TryParse((string?)node.Attribute("name"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)) continue;
            var type = Attr(node, "typeIdentifier") ?? "";
            var info = node.Elements("node").FirstOrDefault(n => (string?)n.Attribute("name") == "info");
            streams.Add(new Aedat4Stream(id, type, ParseInt(info is null ? null : Attr(info, "sizeX")), ParseInt(info is null ? null : Attr(info, "sizeY"))));
        }
        return streams;
    }

    private static string? Attr(XElement node, string key) =>
        node.Elements("attr").FirstOrDefault(a => (string?)a.Attribute("key") == key)?.Value.Trim();

    private static int? ParseInt(string? s) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
}
