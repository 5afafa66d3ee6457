using Snnsweep.Trainer.Data.Events;

namespace Snnsweep.Trainer.Data.Demo;

/// <summary>
/// Turns a static grayscale image into the events a DVS would record while making three saccades in front of
/// it, as N-MNIST and N-Caltech101 were recorded (event-data.md §4.3). Each pixel keeps a reference log
/// intensity and emits an ON (OFF) event each time the log intensity rises (falls) by its contrast threshold,
/// at the linearly interpolated crossing time; events inside the refractory period are dropped. Deterministic
/// for a seed.
/// </summary>
public sealed class SaccadeEmulator(SaccadeEmulatorOptions options)
{
    private static readonly (double X, double Y)[] Corners = [(0, 0), (3.5, 7), (7, 0), (0, 0)];

    public SaccadeEmulatorOptions Options { get; } = options;

    /// <summary>Total recording time: three saccades.</summary>
    public long DurationMicroseconds => 3 * Options.SaccadeMicroseconds;

    /// <summary>
    /// Emulates one recording of <paramref name="image"/> (row-major, values 0..255), placed with its top-left
    /// corner at the sensor origin before the motion starts.
    /// </summary>
    public EventStream Record(ReadOnlySpan<byte> image, int width, int height, int seed)
    {
        if (image.Length != width * height) throw new ArgumentException($"image holds {image.Length} values, expected {width}x{height}", nameof(image));
        var sensorW = Options.SensorWidth;
        var sensorH = Options.SensorHeight;
        var pixels = sensorW * sensorH;
        var random = new Random(seed);

        var logImage = LogIntensityWithBlur(image, width, height);
        var onThreshold = new double[pixels];
        var offThreshold = new double[pixels];
        for (var i = 0; i < pixels; i++)
        {
            onThreshold[i] = Math.Max(0.01, Options.ContrastThreshold + Options.ThresholdSigma * Gaussian(random));
            offThreshold[i] = Math.Max(0.01, Options.ContrastThreshold + Options.ThresholdSigma * Gaussian(random));
        }

        var reference = new double[pixels];
        var previous = new double[pixels];
        var current = new double[pixels];
        var lastEvent = new long[pixels];
        Array.Fill(lastEvent, long.MinValue / 2);
        Render(logImage, width, height, 0, 0, previous);
        Array.Copy(previous, reference, pixels);

        var xs = new List<int>(4096);
        var ys = new List<int>(4096);
        var ts = new List<long>(4096);
        var ps = new List<byte>(4096);
        var step = Options.StepMicroseconds;
        var duration = DurationMicroseconds;

        for (long tb = step; tb <= duration; tb += step)
        {
            var ta = tb - step;
            var (dx, dy) = Offset(tb);
            Render(logImage, width, height, dx, dy, current);
            for (var i = 0; i < pixels; i++)
            {
                var la = previous[i];
                var lb = current[i];
                var change = lb - la;
                if (change == 0) continue;
                // Every threshold crossing between the two renders is an event at its interpolated time.
                while (lb - reference[i] >= onThreshold[i])
                {
                    reference[i] += onThreshold[i];
                    Emit(i, 1, ta + (long)Math.Round((tb - ta) * (reference[i] - la) / change));
                }
                while (reference[i] - lb >= offThreshold[i])
                {
                    reference[i] -= offThreshold[i];
                    Emit(i, 0, ta + (long)Math.Round((tb - ta) * (reference[i] - la) / change));
                }
            }
            (previous, current) = (current, previous);
        }

        // Noise events are independent of the signal, so they bypass the refractory bookkeeping.
        if (Options.NoiseHz > 0) AddNoise(random, pixels, duration, Add);
        return Sorted(xs, ys, ts, ps, sensorW, sensorH);

        void Emit(int pixel, byte polarity, long time)
        {
            if (time - lastEvent[pixel] < Options.RefractoryMicroseconds) return;
            lastEvent[pixel] = time;
            Add(pixel, polarity, time);
        }

        void Add(int pixel, byte polarity, long time)
        {
            xs.Add(pixel % sensorW);
            ys.Add(pixel / sensorW);
            ts.Add(time);
            ps.Add(polarity);
        }
    }

    /// <summary>Offset of the image at time <paramref name="t"/>: raised-cosine motion along the triangle.</summary>
    public (double X, double Y) Offset(long t)
    {
        var leg = (int)Math.Min(2, t / Options.SaccadeMicroseconds);
        var u = Math.Clamp((t - leg * Options.SaccadeMicroseconds) / (double)Options.SaccadeMicroseconds, 0, 1);
        var s = (1 - Math.Cos(Math.PI * u)) / 2;
        var (x0, y0) = Corners[leg];
        var (x1, y1) = Corners[leg + 1];
        return (x0 + (x1 - x0) * s, y0 + (y1 - y0) * s);
    }

    /// <summary>Blurs the image (optics) and takes log intensity once; motion then only resamples it.</summary>
    private double[] LogIntensityWithBlur(ReadOnlySpan<byte> image, int width, int height)
    {
        var linear = new double[width * height];
        for (var i = 0; i < linear.Length; i++) linear[i] = image[i] / 255.0;
        var blurred = Options.BlurSigma > 0 ? GaussianBlur(linear, width, height, Options.BlurSigma) : linear;
        var log = new double[blurred.Length];
        for (var i = 0; i < log.Length; i++) log[i] = Math.Log(Options.IntensityOffset + blurred[i]);
        return log;
    }

    /// <summary>Samples the shifted log image at every sensor pixel with bilinear interpolation; black outside.</summary>
    private void Render(double[] logImage, int width, int height, double dx, double dy, double[] target)
    {
        var background = Math.Log(Options.IntensityOffset);
        var sensorW = Options.SensorWidth;
        for (var y = 0; y < Options.SensorHeight; y++)
        {
            var sy = y - dy;
            var y0 = (int)Math.Floor(sy);
            var fy = sy - y0;
            for (var x = 0; x < sensorW; x++)
            {
                var sx = x - dx;
                var x0 = (int)Math.Floor(sx);
                var fx = sx - x0;
                var a = Sample(logImage, width, height, x0, y0, background);
                var b = Sample(logImage, width, height, x0 + 1, y0, background);
                var c = Sample(logImage, width, height, x0, y0 + 1, background);
                var d = Sample(logImage, width, height, x0 + 1, y0 + 1, background);
                target[y * sensorW + x] = (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy;
            }
        }
    }

    private static double Sample(double[] image, int width, int height, int x, int y, double background) =>
        (uint)x < (uint)width && (uint)y < (uint)height ? image[y * width + x] : background;

    private static double[] GaussianBlur(double[] image, int width, int height, double sigma)
    {
        var radius = (int)Math.Ceiling(3 * sigma);
        var kernel = new double[2 * radius + 1];
        for (var i = -radius; i <= radius; i++) kernel[i + radius] = Math.Exp(-i * i / (2 * sigma * sigma));
        var sum = kernel.Sum();
        for (var i = 0; i < kernel.Length; i++) kernel[i] /= sum;

        var horizontal = new double[image.Length];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            double acc = 0;
            for (var k = -radius; k <= radius; k++)
            {
                var xx = x + k;
                if ((uint)xx < (uint)width) acc += kernel[k + radius] * image[y * width + xx];
            }
            horizontal[y * width + x] = acc;
        }
        var output = new double[image.Length];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            double acc = 0;
            for (var k = -radius; k <= radius; k++)
            {
                var yy = y + k;
                if ((uint)yy < (uint)height) acc += kernel[k + radius] * horizontal[yy * width + x];
            }
            output[y * width + x] = acc;
        }
        return output;
    }

    /// <summary>Shot noise: an independent Poisson process per pixel, random polarity.</summary>
    private void AddNoise(Random random, int pixels, long duration, Action<int, byte, long> emit)
    {
        var meanGap = 1e6 / Options.NoiseHz;
        for (var i = 0; i < pixels; i++)
        {
            var t = 0.0;
            while (true)
            {
                t += -Math.Log(1.0 - random.NextDouble()) * meanGap;
                if (t >= duration) break;
                emit(i, (byte)random.Next(2), (long)t);
            }
        }
    }

    private static double Gaussian(Random random)
    {
        // Box-Muller; System.Random has no normal draw.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static EventStream Sorted(List<int> xs, List<int> ys, List<long> ts, List<byte> ps, int width, int height)
    {
        var n = ts.Count;
        var order = new int[n];
        var keys = new long[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
            // Sort by time, then by pixel index, so ties come out in a reproducible order.
            keys[i] = ts[i] * (width * height) + ys[i] * width + xs[i];
        }
        Array.Sort(keys, order);
        var x = new int[n];
        var y = new int[n];
        var t = new long[n];
        var p = new byte[n];
        for (var i = 0; i < n; i++)
        {
            var j = order[i];
            x[i] = xs[j];
            y[i] = ys[j];
            t[i] = ts[j];
            p[i] = ps[j];
        }
        return new EventStream(width, height, x, y, t, p);
    }
}
