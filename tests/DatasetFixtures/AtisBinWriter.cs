namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>Writes the N-MNIST / N-Caltech101 ATIS 40-bit layout: x, y, p|t[22:16], t[15:8], t[7:0].</summary>
public static class AtisBinWriter
{
    public static byte[] Write(IEnumerable<TestEvent> events)
    {
        var output = new List<byte>();
        foreach (var e in events)
        {
            // A value the format cannot hold would be read back as a different event, so refuse it instead.
            if (e.T is < 0 or >= 1 << 23) throw new ArgumentException($"ATIS timestamps have 23 bits; {e} does not fit.");
            if (e.X is < 0 or > 255 || e.Y is < 0 or > 255) throw new ArgumentException($"ATIS coordinates are one byte each; {e} does not fit.");
            output.Add((byte)e.X);
            output.Add((byte)e.Y);
            output.Add((byte)((e.P << 7) | (int)((e.T >> 16) & 0x7F)));
            output.Add((byte)(e.T >> 8));
            output.Add((byte)e.T);
        }
        return output.ToArray();
    }
}
