using System.Buffers.Binary;

namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// Reads Prophesee RAW EVT 2.0: <c>%</c> header, then 32-bit little-endian words with type = <c>w &gt;&gt; 28</c>:
/// CD_OFF (0) / CD_ON (1) carry t_low6 (bits 22-27), x (bits 11-21), y (bits 0-10); EVT_TIME_HIGH (8) carries t &gt;&gt; 6.
/// Triggers and vendor words are skipped.
/// </summary>
public static class Evt2Reader
{
    private const int WordSize = 4;

    public static EventStream Read(string path) => Parse(DataFile.ReadAllBytes(path), path);

    public static EventStream Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length == 0 || bytes[0] != (byte)'%') throw new DatasetFormatException(name, 0, "not a Prophesee RAW file (no '%' header)");
        var header = PropheseeHeader.Parse(bytes, name);
        if (header.EvtVersion is { } v && v != "2.0") throw new DatasetFormatException(name, 0, $"RAW file is EVT {v}, not EVT 2.0");
        var body = bytes[header.BodyOffset..];
        if (body.Length % WordSize != 0)
            throw new DatasetFormatException(name, header.BodyOffset + body.Length - body.Length % WordSize, $"EVT 2.0 body of {body.Length} bytes ends inside a word");
        var events = new EventBuffer(body.Length / WordSize, body.Length / WordSize);
        long timeHigh = 0;
        int maxX = 0, maxY = 0;
        for (var i = 0; i < body.Length; i += WordSize)
        {
            var w = BinaryPrimitives.ReadUInt32LittleEndian(body[i..]);
            switch (w >> 28)
            {
                case 0x0 or 0x1:
                    var x = (int)((w >> 11) & 0x7FF);
                    var y = (int)(w & 0x7FF);
                    if (header.Sensor is { } s && !s.Contains(x, y))
                        throw new DatasetFormatException(name, header.BodyOffset + i, $"event at ({x}, {y}) lies outside the {s} sensor");
                    maxX = Math.Max(maxX, x);
                    maxY = Math.Max(maxY, y);
                    events.TryAdd(x, y, (timeHigh << 6) | ((w >> 22) & 0x3F), (byte)(w >> 28));
                    break;
                case 0x8:
                    timeHigh = w & 0x0FFF_FFFF;
                    break;
            }
        }
        var extent = header.Sensor ?? new SensorSize(maxX + 1, maxY + 1);
        var sensor = SensorSize.Checked(extent.Width, extent.Height, name, header.BodyOffset);
        return events.ToStream(sensor.Width, sensor.Height);
    }
}
