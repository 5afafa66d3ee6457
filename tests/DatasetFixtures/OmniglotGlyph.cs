namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>
/// A generated Omniglot-like character: a polyline of 3 to 5 points derived from the character's class name only, so
/// the N-Omniglot recording and the Omniglot PNGs of one character show the same strokes. Each drawer writes it with
/// its own small shift and scale, as the 20 Omniglot drawers do.
/// </summary>
internal sealed class OmniglotGlyph
{
    private readonly (double X, double Y)[] _points;

    public OmniglotGlyph(string character)
    {
        var rng = new Random(FixtureFiles.StableHash(character));
        _points = new (double, double)[3 + rng.Next(3)];
        for (var i = 0; i < _points.Length; i++) _points[i] = (0.15 + 0.7 * rng.NextDouble(), 0.15 + 0.7 * rng.NextDouble());
    }

    /// <summary>The polyline as drawer <paramref name="drawer"/> writes it (unit square coordinates).</summary>
    public (double X, double Y)[] Drawn(Random drawer)
    {
        var (dx, dy) = (0.03 * ClassSignal.Gaussian(drawer), 0.03 * ClassSignal.Gaussian(drawer));
        var scale = 1 + 0.05 * ClassSignal.Gaussian(drawer);
        return _points.Select(p => (0.5 + (p.X - 0.5) * scale + dx, 0.5 + (p.Y - 0.5) * scale + dy)).ToArray();
    }

    /// <summary>
    /// The events of one replayed drawing: the pen runs along the strokes from t0 to t0 + duration (mostly ON events
    /// where ink appears), mapped into the square (x0, y0, side) of the sensor.
    /// </summary>
    public static TestEvent[] Events((double X, double Y)[] strokes, Random rng, int count, long t0, long duration, int x0, int y0, int side, int width, int height)
    {
        var lengths = new double[strokes.Length - 1];
        for (var i = 0; i < lengths.Length; i++) lengths[i] = Math.Sqrt(Math.Pow(strokes[i + 1].X - strokes[i].X, 2) + Math.Pow(strokes[i + 1].Y - strokes[i].Y, 2));
        var total = Math.Max(1e-9, lengths.Sum());
        var times = new long[count];
        for (var i = 0; i < count; i++) times[i] = t0 + (long)(rng.NextDouble() * duration);
        Array.Sort(times);
        var events = new TestEvent[count];
        for (var i = 0; i < count; i++)
        {
            // Where the pen is at this time, walking the polyline at constant speed.
            var walked = (times[i] - t0) / (double)Math.Max(1, duration) * total;
            var segment = 0;
            while (segment < lengths.Length - 1 && walked > lengths[segment]) walked -= lengths[segment++];
            var s = lengths[segment] == 0 ? 0 : Math.Clamp(walked / lengths[segment], 0, 1);
            var (ax, ay) = strokes[segment];
            var (bx, by) = strokes[segment + 1];
            var x = x0 + (ax + s * (bx - ax)) * side + 1.5 * ClassSignal.Gaussian(rng);
            var y = y0 + (ay + s * (by - ay)) * side + 1.5 * ClassSignal.Gaussian(rng);
            events[i] = new TestEvent(Math.Clamp((int)Math.Round(x), 0, width - 1), Math.Clamp((int)Math.Round(y), 0, height - 1), times[i], (byte)(rng.NextDouble() < 0.7 ? 1 : 0));
        }
        return events;
    }

    /// <summary>A grey image with the strokes dark on white, as the Omniglot PNGs are.</summary>
    public static byte[] Image((double X, double Y)[] strokes, int size)
    {
        var pixels = new byte[size * size];
        var thickness = size / 40.0;
        for (var y = 0; y < size; y++)
            for (var x = 0; x < size; x++)
            {
                var near = false;
                for (var i = 0; i + 1 < strokes.Length && !near; i++)
                    near = ClassSignal.DistanceToSegment(x, y, strokes[i].X * (size - 1), strokes[i].Y * (size - 1), strokes[i + 1].X * (size - 1), strokes[i + 1].Y * (size - 1)) <= thickness;
                pixels[y * size + x] = near ? (byte)0 : (byte)255;
            }
        return pixels;
    }
}
