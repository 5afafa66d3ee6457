using System.Buffers.Binary;
using System.Text;

namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>Writes jAER AEDAT 2.0 as CIFAR10-DVS ships it: CRLF '#' header, big-endian (address, timestamp) records.</summary>
public static class Aedat2Writer
{
    public static byte[] Header(string chip = "ch.unizh.ini.jaer.chip.retina.DVS128", string newline = "\r\n") =>
        Encoding.ASCII.GetBytes(string.Join(newline,
            "#!AER-DAT2.0",
            "# This is a raw AE data file - do not edit",
            "# Data format is int32 address, int32 timestamp (8 bytes total), repeated for each event",
            "# Timestamps tick is 1 us",
            "# created Mon Apr 10 10:42:00 CST 2017",
            $"# AEChip: {chip}") + newline);

    /// <summary>Raw records: the caller chooses the address bits.</summary>
    public static byte[] Write(IEnumerable<(uint Address, uint Timestamp)> records, string chip = "ch.unizh.ini.jaer.chip.retina.DVS128", string newline = "\r\n")
    {
        var output = new List<byte>(Header(chip, newline));
        Span<byte> record = stackalloc byte[8];
        foreach (var (address, timestamp) in records)
        {
            BinaryPrimitives.WriteUInt32BigEndian(record, address);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], timestamp);
            output.AddRange(record.ToArray());
        }
        return output.ToArray();
    }

    /// <summary>DVS128 address of a raw (x_raw, y_raw) and polarity (1 = ON, stored as bit 0 == 0).</summary>
    public static uint Dvs128Address(int xRaw, int yRaw, byte on) => (uint)((yRaw << 8) | (xRaw << 1) | (on == 1 ? 0 : 1));

    /// <summary>Events given in SpikingJelly's convention (x = 127 - y_raw, y = 127 - x_raw), encoded back to raw addresses.</summary>
    public static byte[] WriteSpikingJellyEvents(IEnumerable<TestEvent> events) =>
        Write(events.Select(e => (Dvs128Address(127 - e.Y, 127 - e.X, e.P), (uint)e.T)));
}
