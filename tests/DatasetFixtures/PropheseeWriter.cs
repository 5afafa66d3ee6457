using System.Buffers.Binary;
using System.Text;

namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>Writes Prophesee DAT, RAW EVT 2.0 and RAW EVT 3.0 in their documented layouts.</summary>
public static class PropheseeWriter
{
    public static byte[] Dat(IEnumerable<TestEvent> events, string? geometryLines = "% Width 304\n% Height 240\n")
    {
        var output = new List<byte>(Encoding.ASCII.GetBytes("% Data file containing Event2D events.\n% Version 2\n% Date 2017-10-31 11:29:21\n" + geometryLines));
        output.Add(0x00); // event type: Event2D
        output.Add(0x08); // event size
        var record = new byte[8];
        foreach (var e in events)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)e.T);
            BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(4), (uint)(e.X | (e.Y << 14) | (e.P << 28)));
            output.AddRange(record);
        }
        return output.ToArray();
    }

    public static byte[] Evt2(IEnumerable<TestEvent> events)
    {
        var output = new List<byte>(Encoding.ASCII.GetBytes("% date 2024-01-01\n% evt 2.0\n% geometry 640x480\n% end\n"));
        long timeHigh = -1;
        foreach (var e in events)
        {
            if (e.T >> 6 != timeHigh)
            {
                timeHigh = e.T >> 6;
                Word32(output, (uint)(0x8u << 28) | (uint)(timeHigh & 0x0FFF_FFFF));
            }
            Word32(output, ((uint)e.P << 28) | ((uint)(e.T & 0x3F) << 22) | ((uint)e.X << 11) | (uint)e.Y);
        }
        Word32(output, 0xA000_0000); // an external trigger word, skipped by readers
        return output.ToArray();
    }

    /// <summary>EVT 3.0 with one ADDR_X word per event (TIME_HIGH / TIME_LOW / ADDR_Y only when they change).</summary>
    public static byte[] Evt3(IEnumerable<TestEvent> events, string header = "% evt 3.0\n% format EVT3;height=720;width=1280\n% end\n")
    {
        var output = new List<byte>(Encoding.ASCII.GetBytes(header));
        long high = -1, low = -1;
        var y = -1;
        foreach (var e in events)
        {
            var th = (e.T >> 12) & 0xFFF;
            var tl = e.T & 0xFFF;
            if (th != high) { Word16(output, 0x8000 | (int)th); high = th; low = -1; }
            if (tl != low) { Word16(output, 0x6000 | (int)tl); low = tl; }
            if (e.Y != y) { Word16(output, e.Y); y = e.Y; }
            Word16(output, 0x2000 | (e.P << 11) | e.X);
        }
        return output.ToArray();
    }

    public static void Word16(List<byte> output, int word)
    {
        output.Add((byte)word);
        output.Add((byte)(word >> 8));
    }

    private static void Word32(List<byte> output, uint word)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, word);
        output.AddRange(bytes);
    }
}
