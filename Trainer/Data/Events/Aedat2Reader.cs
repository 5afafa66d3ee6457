using System.Buffers.Binary;
using System.Globalization;

namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// Reads jAER AEDAT 2.0 (the original CIFAR10-DVS release): <c>#</c> header lines, then big-endian
/// (uint32 address, uint32 timestamp us) records. DVS128 addresses are mapped with a <see cref="Dvs128AddressConvention"/>;
/// DAVIS addresses (y bits 30..22, x bits 21..12, p bit 11) keep jAER's raw axes and drop APS/IMU samples.
/// A trailing partial record is ignored, as jAER and every Python reader do.
/// </summary>
public static class Aedat2Reader
{
    private const int RecordSize = 8;
    private const string CreationTimeKey = "# Creation time: System.currentTimeMillis()";

    public static EventStream Read(string path, Dvs128AddressConvention convention = Dvs128AddressConvention.SpikingJelly) =>
        Parse(DataFile.ReadAllBytes(path), path, convention);

    public static Aedat2Header ParseHeader(ReadOnlySpan<byte> bytes, string name)
    {
        if (!AsciiHeader.StartsWith(bytes, "#!AER-DAT"))
            throw new DatasetFormatException(name, 0, "not an AEDAT file (missing '#!AER-DAT' magic)");
        var lines = new List<string>();
        string? chip = null;
        long? creation = null;
        var offset = 0;
        while (offset < bytes.Length && bytes[offset] == (byte)'#')
        {
            var next = AsciiHeader.ReadLine(bytes, offset, out var line, name);
            lines.Add(line);
            if (line.StartsWith("# AEChip:", StringComparison.Ordinal)) chip = line["# AEChip:".Length..].Trim();
            if (line.StartsWith(CreationTimeKey, StringComparison.Ordinal)
                && long.TryParse(line[CreationTimeKey.Length..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms))
                creation = ms;
            offset = next;
        }
        var version = lines[0]["#!AER-DAT".Length..].Trim();
        if (version != "2.0")
            throw new DatasetFormatException(name, 0, $"AEDAT version '{version}' is not 2.0 (use the AEDAT 3.1 or 4 reader, or convert AEDAT 1.0)");
        return new Aedat2Header(version, lines, chip, creation, offset);
    }

    public static EventStream Parse(ReadOnlySpan<byte> bytes, string name, Dvs128AddressConvention convention = Dvs128AddressConvention.SpikingJelly)
    {
        var header = ParseHeader(bytes, name);
        var sensor = header.Sensor;
        var body = bytes[header.BodyOffset..];
        var count = body.Length / RecordSize;
        var events = new EventBuffer(count, count);
        long wraps = 0;
        long previousRaw = -1;
        for (var i = 0; i < count; i++)
        {
            var record = body.Slice(i * RecordSize, RecordSize);
            var address = BinaryPrimitives.ReadUInt32BigEndian(record);
            long raw = BinaryPrimitives.ReadUInt32BigEndian(record[4..]);
            // 32-bit microsecond counters wrap after 71.6 minutes; a large backwards jump is a wrap, a small one is disorder.
            if (previousRaw >= 0 && raw < previousRaw && previousRaw - raw > (1L << 31)) wraps++;
            previousRaw = raw;
            var t = (wraps << 32) + raw;
            int x, y;
            byte p;
            if (header.IsDavis)
            {
                if ((address & 0x8000_0000u) != 0 || (address & 0x400u) != 0) continue; // APS sample or IMU word
                y = (int)((address >> 22) & 0x1FF);
                x = (int)((address >> 12) & 0x3FF);
                p = (byte)((address >> 11) & 1);
                if (!sensor.Contains(x, y))
                    throw new DatasetFormatException(name, header.BodyOffset + (long)i * RecordSize, $"DAVIS event at ({x}, {y}) lies outside the {sensor} sensor");
            }
            else
            {
                var xRaw = (int)((address >> 1) & 0x7F);
                var yRaw = (int)((address >> 8) & 0x7F);
                p = (byte)(1 - (address & 1));
                (x, y) = convention switch
                {
                    Dvs128AddressConvention.SpikingJelly => (127 - yRaw, 127 - xRaw),
                    Dvs128AddressConvention.Jaer => (127 - xRaw, yRaw),
                    _ => (yRaw, xRaw),
                };
            }
            events.TryAdd(x, y, t, p);
        }
        return events.ToStream(sensor.Width, sensor.Height);
    }
}
