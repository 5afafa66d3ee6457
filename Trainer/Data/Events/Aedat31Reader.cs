using System.Buffers.Binary;

namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// Reads cAER AEDAT 3.1 (DVS128 Gesture): ASCII header up to <c>#!END-HEADER</c>, then packets of a 28-byte little-endian
/// header and <c>eventCapacity * eventSize</c> payload bytes. Only polarity packets (type 1) are decoded; their 32-bit
/// timestamps are extended with the packet's overflow counter (<c>overflow &lt;&lt; 31 | ts</c>).
/// </summary>
public static class Aedat31Reader
{
    private const int PacketHeaderSize = 28;
    private const short PolarityEventType = 1;
    private const int PolarityEventSize = 8;
    private const string EndOfHeader = "#!END-HEADER";

    /// <param name="skipInvalidEvents">Drop events whose valid mark (bit 0) is clear; SpikingJelly and Tonic keep them, so the default is false.</param>
    public static EventStream Read(string path, SensorSize? sensor = null, bool skipInvalidEvents = false) =>
        Parse(DataFile.ReadAllBytes(path), path, sensor, skipInvalidEvents);

    public static EventStream Parse(ReadOnlySpan<byte> bytes, string name, SensorSize? sensor = null, bool skipInvalidEvents = false)
    {
        if (!AsciiHeader.StartsWith(bytes, "#!AER-DAT3"))
            throw new DatasetFormatException(name, 0, "not an AEDAT 3.x file (missing '#!AER-DAT3' magic)");
        var offset = 0;
        var ended = false;
        var size = sensor ?? SensorSize.Dvs128;
        while (offset < bytes.Length && !ended)
        {
            if (bytes[offset] != (byte)'#')
                throw new DatasetFormatException(name, offset, $"AEDAT 3.1 header line does not start with '#' before {EndOfHeader}");
            offset = AsciiHeader.ReadLine(bytes, offset, out var line, name);
            if (line.StartsWith(EndOfHeader, StringComparison.Ordinal)) ended = true;
            else if (sensor is null && line.StartsWith("#Source", StringComparison.Ordinal))
            {
                if (line.Contains("DAVIS346", StringComparison.OrdinalIgnoreCase)) size = SensorSize.Davis346;
                else if (line.Contains("DAVIS240", StringComparison.OrdinalIgnoreCase)) size = new SensorSize(240, 180);
            }
        }
        if (!ended) throw new DatasetFormatException(name, bytes.Length, $"file ends before the {EndOfHeader} line");

        var events = new EventBuffer((bytes.Length - offset) / PolarityEventSize);
        while (offset < bytes.Length)
        {
            if (bytes.Length - offset < PacketHeaderSize)
                throw new DatasetFormatException(name, offset, $"file ends inside a packet header ({bytes.Length - offset} of {PacketHeaderSize} bytes)");
            var header = bytes.Slice(offset, PacketHeaderSize);
            var type = BinaryPrimitives.ReadInt16LittleEndian(header);
            var eventSize = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
            var tsOffset = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
            var overflow = BinaryPrimitives.ReadInt32LittleEndian(header[12..]);
            var capacity = BinaryPrimitives.ReadInt32LittleEndian(header[16..]);
            var number = BinaryPrimitives.ReadInt32LittleEndian(header[20..]);
            if (eventSize <= 0 || capacity < 0 || number < 0 || number > capacity)
                throw new DatasetFormatException(name, offset, $"packet header is inconsistent (eventSize {eventSize}, capacity {capacity}, number {number})");
            var payloadStart = offset + PacketHeaderSize;
            var payloadLength = (long)capacity * eventSize;
            if (payloadLength > bytes.Length - payloadStart)
                throw new DatasetFormatException(name, offset, $"packet declares {payloadLength} payload bytes but only {bytes.Length - payloadStart} remain");
            if (type == PolarityEventType)
            {
                if (eventSize < PolarityEventSize || tsOffset < 0 || tsOffset > eventSize - 4 || overflow < 0)
                    throw new DatasetFormatException(name, offset, $"polarity packet has eventSize {eventSize}, tsOffset {tsOffset}, overflow {overflow}");
                var payload = bytes.Slice(payloadStart, (int)payloadLength);
                for (var i = 0; i < number; i++)
                {
                    var record = payload.Slice(i * eventSize, eventSize);
                    var data = BinaryPrimitives.ReadUInt32LittleEndian(record);
                    if (skipInvalidEvents && (data & 1) == 0) continue;
                    var timestamp = BinaryPrimitives.ReadInt32LittleEndian(record[tsOffset..]);
                    if (timestamp < 0)
                        throw new DatasetFormatException(name, payloadStart + (long)i * eventSize + tsOffset, $"negative event timestamp {timestamp}");
                    var x = (int)((data >> 17) & 0x7FFF);
                    var y = (int)((data >> 2) & 0x7FFF);
                    if (!size.Contains(x, y))
                        throw new DatasetFormatException(name, payloadStart + (long)i * eventSize, $"event at ({x}, {y}) lies outside the {size} sensor");
                    events.TryAdd(x, y, ((long)overflow << 31) | (uint)timestamp, (byte)((data >> 1) & 1));
                }
            }
            offset = payloadStart + (int)payloadLength;
        }
        return events.ToStream(size.Width, size.Height);
    }
}
