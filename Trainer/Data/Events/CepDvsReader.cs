namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// Reads a CEP-DVS sample as released: a MAT-file with variables <c>x</c>, <c>y</c>, <c>ts</c> and <c>p</c> (p = -1/+1,
/// mapped to 0/1). The sensor size is taken from the sample (max + 1), as Transfer-for-DVS loads it with
/// <c>sensor_size=None</c>; coordinates are used as stored and <c>ts</c> is taken to be microseconds (both unverified
/// against the paper, see docs/datasets.md).
/// </summary>
public static class CepDvsReader
{
    private const int MaxCoordinate = 1 << 14;

    public static EventStream Read(string path) => Parse(DataFile.ReadAllBytes(path), path);

    public static EventStream Parse(ReadOnlySpan<byte> bytes, string name)
    {
        var variables = MatFileReader.Parse(bytes, name);
        var x = Require(variables, "x", name);
        var y = Require(variables, "y", name);
        var ts = Require(variables, "ts", name);
        var p = Require(variables, "p", name);
        if (x.Length != y.Length || x.Length != ts.Length || x.Length != p.Length)
            throw new DatasetFormatException(name, 128, $"variables differ in length: x {x.Length}, y {y.Length}, ts {ts.Length}, p {p.Length}");
        var events = new EventBuffer(x.Length, x.Length);
        int maxX = 0, maxY = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (!IsCoordinate(x[i]) || !IsCoordinate(y[i]))
                throw new DatasetFormatException(name, 128, $"event {i} has coordinates ({x[i]}, {y[i]}), not integers in 0..{MaxCoordinate - 1}");
            if (double.IsNaN(ts[i]) || ts[i] < 0 || ts[i] > 9e18)
                throw new DatasetFormatException(name, 128, $"event {i} has timestamp {ts[i]}");
            var xi = (int)x[i];
            var yi = (int)y[i];
            maxX = Math.Max(maxX, xi);
            maxY = Math.Max(maxY, yi);
            events.TryAdd(xi, yi, (long)ts[i], p[i] > 0 ? (byte)1 : (byte)0);
        }
        var sensor = SensorSize.Checked(maxX + 1L, maxY + 1L, name, 128);
        return events.ToStream(sensor.Width, sensor.Height);
    }

    private static bool IsCoordinate(double v) => v >= 0 && v < MaxCoordinate && v == Math.Floor(v);

    private static double[] Require(IReadOnlyDictionary<string, double[]> variables, string key, string name) =>
        variables.TryGetValue(key, out var v) ? v : throw new DatasetFormatException(name, 128, $"MAT-file has no numeric variable '{key}'");
}
