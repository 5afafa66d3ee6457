using System.Buffers.Binary;

namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// Reads Prophesee RAW EVT 3.0: 16-bit little-endian words, type = <c>w &gt;&gt; 12</c>. ADDR_Y sets y, ADDR_X emits one
/// event, VECT_BASE_X / VECT_12 / VECT_8 emit one event per set mask bit; TIME_LOW and TIME_HIGH build
/// <c>t = wraps &lt;&lt; 24 | high &lt;&lt; 12 | low</c>, counting a wrap when TIME_HIGH decreases. No extra 4096 is added
/// when TIME_LOW wraps right after a new TIME_HIGH (the expelliarmus bug whose output is in the samples).
/// </summary>
public static class Evt3Reader
{
    private const int WordSize = 2;

    public static EventStream Read(string path) => Parse(DataFile.ReadAllBytes(path), path);

    public static EventStream Parse(ReadOnlySpan<byte> bytes, string name)
    {
        if (bytes.Length == 0 || bytes[0] != (byte)'%') throw new DatasetFormatException(name, 0, "not a Prophesee RAW file (no '%' header)");
        var header = PropheseeHeader.Parse(bytes, name);
        if (header.EvtVersion is { } v && v != "3.0") throw new DatasetFormatException(name, 0, $"RAW file is EVT {v}, not EVT 3.0");
        var body = bytes[header.BodyOffset..];
        if (body.Length % WordSize != 0)
            throw new DatasetFormatException(name, header.BodyOffset + body.Length - 1, $"EVT 3.0 body of {body.Length} bytes ends inside a word");
        // A VECT_12 word can emit 12 events from 2 bytes, so the bound is 6 events per byte.
        var events = new EventBuffer(body.Length * 6L, body.Length / WordSize);
        var sensor = header.Sensor ?? new SensorSize(2048, 2048);
        int y = 0, baseX = 0;
        byte polarity = 0;
        long low = 0, high = 0, wraps = 0;
        var sawHigh = false;
        int maxX = 0, maxY = 0;
        for (var i = 0; i < body.Length; i += WordSize)
        {
            var w = BinaryPrimitives.ReadUInt16LittleEndian(body[i..]);
            switch (w >> 12)
            {
                case 0x0:
                    y = w & 0x7FF;
                    break;
                case 0x2:
                    Emit(w & 0x7FF, (byte)((w >> 11) & 1), i);
                    break;
                case 0x3:
                    polarity = (byte)((w >> 11) & 1);
                    baseX = w & 0x7FF;
                    break;
                case 0x4:
                    EmitVector(w & 0xFFF, 12, i);
                    break;
                case 0x5:
                    EmitVector(w & 0xFF, 8, i);
                    break;
                case 0x6:
                    low = w & 0xFFF;
                    break;
                case 0x8:
                    long next = w & 0xFFF;
                    if (sawHigh && next < high) wraps++;
                    high = next;
                    sawHigh = true;
                    break;
            }
        }
        var extent = header.Sensor ?? new SensorSize(maxX + 1, maxY + 1);
        var size = SensorSize.Checked(extent.Width, extent.Height, name, header.BodyOffset);
        return events.ToStream(size.Width, size.Height);

        void EmitVector(int mask, int bits, int at)
        {
            for (var k = 0; k < bits; k++)
                if ((mask & (1 << k)) != 0) Emit(baseX + k, polarity, at);
            baseX += bits;
        }

        void Emit(int x, byte p, int at)
        {
            if (!sensor.Contains(x, y))
                throw new DatasetFormatException(name, header.BodyOffset + at, $"event at ({x}, {y}) lies outside the {sensor} sensor");
            maxX = Math.Max(maxX, x);
            maxY = Math.Max(maxY, y);
            events.TryAdd(x, y, (wraps << 24) | (high << 12) | low, p);
        }
    }
}
