using System.Buffers.Binary;
using System.Text;

namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>
/// Writes cAER AEDAT 3.1 as DVS128 Gesture ships it: CRLF header ending with #!END-HEADER, then packets of a 28-byte
/// little-endian header and 8-byte polarity events; timestamps above 2^31 go through the packet overflow counter.
/// </summary>
public static class Aedat31Writer
{
    public static byte[] Write(IReadOnlyList<TestEvent> events, int eventsPerPacket = 64, bool insertSpecialPackets = true, int extraCapacity = 0)
    {
        var output = new List<byte>(Encoding.ASCII.GetBytes(
            "#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n#Start-Time: 2017-03-07 15:16:05 (TZ+0100)\r\n#!END-HEADER\r\n"));
        if (insertSpecialPackets) output.AddRange(Packet(0, 8, 4, 0, [0x00, 0x01, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00], 1, 1));
        for (var start = 0; start < events.Count;)
        {
            var overflow = (int)(events[start].T >> 31);
            var end = start;
            while (end < events.Count && end - start < eventsPerPacket && events[end].T >> 31 == overflow) end++;
            var payload = new byte[(end - start + extraCapacity) * 8];
            for (var i = start; i < end; i++)
            {
                var e = events[i];
                var data = (uint)((e.X << 17) | (e.Y << 2) | (e.P << 1) | 1);
                BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan((i - start) * 8), data);
                BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan((i - start) * 8 + 4), (int)(e.T & 0x7FFF_FFFF));
            }
            output.AddRange(Packet(1, 8, 4, overflow, payload, end - start, end - start));
            if (insertSpecialPackets && start == 0) output.AddRange(Packet(3, 36, 4, overflow, new byte[36 * 2], 2, 2)); // an IMU6 packet to skip
            start = end;
        }
        return output.ToArray();
    }

    public static byte[] Packet(short type, int eventSize, int tsOffset, int overflow, byte[] payload, int number, int valid)
    {
        var header = new byte[28];
        BinaryPrimitives.WriteInt16LittleEndian(header, type);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(2), 1);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), eventSize);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), tsOffset);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), overflow);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), payload.Length / eventSize);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(20), number);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), valid);
        return [.. header, .. payload];
    }
}
