using System.Buffers.Binary;

namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// Reads Prophesee DAT files (N-CARS, Gen1): <c>%</c> header, one byte event type and one byte event size (8), then
/// little-endian (uint32 t_us, uint32 w) records with x = bits 0-13, y = bits 14-27, p = bits 28-31 (1 = ON).
/// A large backwards jump of the timestamp is a 32-bit wrap. Without Width/Height header lines the sensor is the events' extent.
/// </summary>
public static class PropheseeDatReader
{
    private const int RecordSize = 8;

    public static EventStream Read(string path) => Parse(DataFile.ReadAllBytes(path), path);

    public static EventStream Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length == 0 || bytes[0] != (byte)'%') throw new DatasetFormatException(name, 0, "not a Prophesee DAT file (no '%' header)");
        var header = PropheseeHeader.Parse(bytes, name);
        var offset = header.BodyOffset;
        if (bytes.Length - offset < 2) throw new DatasetFormatException(name, offset, "file ends before the event type and size bytes");
        var type = bytes[offset];
        var size = bytes[offset + 1];
        if (size != RecordSize) throw new DatasetFormatException(name, offset + 1, $"event size {size} is not 8 (event type 0x{type:x2})");
        offset += 2;
        var body = bytes[offset..];
        if (body.Length % RecordSize != 0)
            throw new DatasetFormatException(name, offset + body.Length - body.Length % RecordSize, $"DAT body of {body.Length} bytes ends inside a record");
        var count = body.Length / RecordSize;
        var events = new EventBuffer(count, count);
        long wraps = 0;
        long previous = -1;
        int maxX = 0, maxY = 0;
        for (var i = 0; i < count; i++)
        {
            var record = body.Slice(i * RecordSize, RecordSize);
            long raw = BinaryPrimitives.ReadUInt32LittleEndian(record);
            var w = BinaryPrimitives.ReadUInt32LittleEndian(record[4..]);
            if (previous >= 0 && raw < previous && previous - raw > (1L << 31)) wraps++; // a wrap, not mere disorder
            previous = raw;
            var x = (int)(w & 0x3FFF);
            var y = (int)((w >> 14) & 0x3FFF);
            var p = w >> 28;
            if (p > 1) throw new DatasetFormatException(name, offset + (long)i * RecordSize + 4, $"polarity field {p} is not 0 or 1");
            if (header.Sensor is { } s && !s.Contains(x, y))
                throw new DatasetFormatException(name, offset + (long)i * RecordSize, $"event at ({x}, {y}) lies outside the {s} sensor");
            maxX = Math.Max(maxX, x);
            maxY = Math.Max(maxY, y);
            events.TryAdd(x, y, (wraps << 32) + raw, (byte)p);
        }
        var extent = header.Sensor ?? new SensorSize(maxX + 1, maxY + 1);
        var sensor = SensorSize.Checked(extent.Width, extent.Height, name, header.BodyOffset);
        return events.ToStream(sensor.Width, sensor.Height);
    }
}
