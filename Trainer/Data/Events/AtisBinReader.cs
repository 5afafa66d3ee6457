using System.Buffers.Binary;

namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// Reads the ATIS 40-bit <c>.bin</c> format of N-MNIST and N-Caltech101 (also SLAYER's <c>.bs2</c>): headerless 5-byte
/// records, x, y, then polarity in bit 7 and a 23-bit big-endian microsecond timestamp. y = 0 is the top row.
/// </summary>
public static class AtisBinReader
{
    private const int RecordSize = 5;

    /// <summary>Garrick Orchard's reader treats y == 240 as a timestamp-overflow marker worth 2^13 us (kept for compatibility).</summary>
    private const int OverflowMarkerY = 240;
    private const long OverflowIncrement = 1 << 13;

    public static EventStream Read(string path, SensorSize? sensor = null) => Parse(DataFile.ReadAllBytes(path), path, sensor);

    /// <param name="sensor">Frame size; when null it is taken from the sample (max + 1, Tonic's <c>sensor_size=None</c>).</param>
    public static EventStream Parse(ReadOnlySpan<byte> bytes, string name, SensorSize? sensor = null)
    {
        if (bytes.Length % RecordSize != 0)
            throw new DatasetFormatException(name, bytes.Length - bytes.Length % RecordSize, $"ATIS file length {bytes.Length} is not a multiple of {RecordSize} bytes (truncated record)");
        var events = new EventBuffer(bytes.Length / RecordSize, bytes.Length / RecordSize);
        long overflow = 0;
        int maxX = -1, maxY = -1;
        for (var offset = 0; offset < bytes.Length; offset += RecordSize)
        {
            int x = bytes[offset];
            int y = bytes[offset + 1];
            if (y == OverflowMarkerY)
            {
                overflow += OverflowIncrement;
                continue;
            }
            var word = BinaryPrimitives.ReadUInt32BigEndian(bytes[(offset + 1)..]) & 0x00FF_FFFF;
            var polarity = (byte)(word >> 23);
            var t = (word & 0x7F_FFFF) + overflow;
            if (sensor is { } s && !s.Contains(x, y))
                throw new DatasetFormatException(name, offset, $"event at ({x}, {y}) lies outside the {s} sensor");
            maxX = Math.Max(maxX, x);
            maxY = Math.Max(maxY, y);
            events.TryAdd(x, y, t, polarity);
        }
        var extent = sensor ?? new SensorSize(Math.Max(1, maxX + 1), Math.Max(1, maxY + 1));
        var size = SensorSize.Checked(extent.Width, extent.Height, name, 0);
        return events.ToStream(size.Width, size.Height);
    }
}
