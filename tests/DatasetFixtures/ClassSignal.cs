namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>
/// The class signal of the generated datasets: class k of K is a short bar at orientation k/K of a half turn, centred in
/// cell k of a ceil(sqrt K)-wide grid over the middle 80 % of the frame, so even 20 classes stay apart with a hundred
/// events. Recordings see the bar sweep across its normal (ON events on the leading edge, OFF on the trailing one, plus
/// uniform noise); images show it still. Event and static partners share the geometry, so a network can learn the
/// classes in either domain and transfer between them, while the files stay tiny. Geometry depends only on the class;
/// the sample's random source only moves events and pixels.
/// </summary>
internal static class ClassSignal
{
    private const double NoiseFraction = 0.1;

    /// <summary>Centre (fractions of the frame), orientation, and grid cell side (fraction of the shorter side).</summary>
    private static (double Cx, double Cy, double Angle, double Cell) Bar(int label, int classes)
    {
        var grid = (int)Math.Ceiling(Math.Sqrt(classes));
        var cell = 0.8 / grid;
        return (0.1 + cell * (label % grid + 0.5), 0.1 + cell * (label / grid + 0.5), Math.PI * label / classes, cell);
    }

    /// <summary>
    /// <paramref name="count"/> time-sorted events in [t0, t0 + duration) inside a <paramref name="width"/> x
    /// <paramref name="height"/> frame. With <paramref name="outline"/> the first four fall on the four edges of the frame,
    /// as the border of a picture moved on a screen fires: datasets whose sensor size is taken from the events (CEP-DVS,
    /// N-Caltech101's bounding box) then see the whole picture, and the bar keeps its place in it.
    /// </summary>
    public static TestEvent[] Events(int label, int classes, int width, int height, int count, Random rng, long t0, long duration, bool outline = false)
    {
        var (cx, cy, angle, cell) = Bar(label, classes);
        var side = cell * Math.Min(width, height);
        var (ux, uy) = (Math.Cos(angle), Math.Sin(angle));
        var (nx, ny) = (-uy, ux);
        var length = 0.8 * side;
        var sweep = 0.3 * side;
        var spread = Math.Max(0.6, 0.05 * side);
        var times = new long[count];
        for (var i = 0; i < count; i++) times[i] = t0 + (long)(rng.NextDouble() * duration);
        Array.Sort(times);
        var events = new TestEvent[count];
        for (var i = 0; i < count; i++)
        {
            if (rng.NextDouble() < NoiseFraction)
            {
                events[i] = new TestEvent(rng.Next(width), rng.Next(height), times[i], (byte)rng.Next(2));
                continue;
            }
            var phase = duration <= 0 ? 0.5 : (times[i] - t0) / (double)duration;
            var along = (rng.NextDouble() - 0.5) * length;
            var across = Gaussian(rng) * spread;
            var shift = (phase - 0.5) * sweep;
            var x = cx * (width - 1) + along * ux + (shift + across) * nx;
            var y = cy * (height - 1) + along * uy + (shift + across) * ny;
            events[i] = new TestEvent(Clamp(x, width), Clamp(y, height), times[i], (byte)(across >= 0 ? 1 : 0));
        }
        if (outline && count >= 4)
        {
            events[0] = events[0] with { X = 0, Y = rng.Next(height) };
            events[1] = events[1] with { X = width - 1, Y = rng.Next(height) };
            events[2] = events[2] with { X = rng.Next(width), Y = 0 };
            events[3] = events[3] with { X = rng.Next(width), Y = height - 1 };
        }
        return events;
    }

    /// <summary>A row-major grey image: the bar in <paramref name="ink"/> on <paramref name="paper"/>, with a little pixel noise.</summary>
    public static byte[] Gray(int label, int classes, int width, int height, Random rng, byte paper = 0, byte ink = 255)
    {
        var (cx, cy, angle, cell) = Bar(label, classes);
        var side = cell * Math.Min(width, height);
        var (ux, uy) = (Math.Cos(angle), Math.Sin(angle));
        var half = 0.4 * side;
        var thickness = Math.Max(0.8, 0.1 * side);
        var (x0, y0) = (cx * (width - 1) - half * ux, cy * (height - 1) - half * uy);
        var (x1, y1) = (cx * (width - 1) + half * ux, cy * (height - 1) + half * uy);
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                var inside = DistanceToSegment(x, y, x0, y0, x1, y1) <= thickness;
                var value = (inside ? ink : paper) + rng.Next(-12, 13);
                pixels[y * width + x] = (byte)Math.Clamp(value, 0, 255);
            }
        return pixels;
    }

    /// <summary>An RGB image (interleaved) of the bar in a class-dependent colour on a darker background of another.</summary>
    public static byte[] Rgb(int label, int classes, int width, int height, Random rng)
    {
        var gray = Gray(label, classes, width, height, rng, paper: 40, ink: 220);
        var hue = label / (double)classes;
        var rgb = new byte[width * height * 3];
        for (var i = 0; i < gray.Length; i++)
            for (var c = 0; c < 3; c++)
            {
                // Each channel is the grey level scaled by a hue-dependent weight in [0.55, 1].
                var weight = 0.775 + 0.225 * Math.Cos(2 * Math.PI * (hue + c / 3.0));
                rgb[i * 3 + c] = (byte)Math.Clamp(gray[i] * weight, 0, 255);
            }
        return rgb;
    }

    public static double DistanceToSegment(double px, double py, double x0, double y0, double x1, double y1)
    {
        var (dx, dy) = (x1 - x0, y1 - y0);
        var lengthSquared = dx * dx + dy * dy;
        var s = lengthSquared == 0 ? 0 : Math.Clamp(((px - x0) * dx + (py - y0) * dy) / lengthSquared, 0, 1);
        var (qx, qy) = (x0 + s * dx - px, y0 + s * dy - py);
        return Math.Sqrt(qx * qx + qy * qy);
    }

    public static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static int Clamp(double v, int size) => Math.Clamp((int)Math.Round(v), 0, size - 1);
}
