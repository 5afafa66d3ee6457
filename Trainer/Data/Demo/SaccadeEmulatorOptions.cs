namespace Snnsweep.Trainer.Data.Demo;

/// <summary>
/// Settings of <see cref="SaccadeEmulator"/> (event-data.md §4.3). The defaults give an N-MNIST look-alike:
/// a 34x34 sensor, three 105 ms saccades along the triangle (0,0) -&gt; (3.5,7) -&gt; (7,0) -&gt; (0,0) with a
/// raised-cosine speed profile, and a few thousand events per 28x28 image.
/// </summary>
public sealed record SaccadeEmulatorOptions
{
    public int SensorWidth { get; init; } = 34;

    public int SensorHeight { get; init; } = 34;

    /// <summary>Duration of each of the three saccades, microseconds.</summary>
    public long SaccadeMicroseconds { get; init; } = 105_000;

    /// <summary>Rendering step, microseconds; 500 keeps the image moving under 0.1 px per step.</summary>
    public long StepMicroseconds { get; init; } = 500;

    /// <summary>Mean contrast threshold in natural-log intensity units.</summary>
    public double ContrastThreshold { get; init; } = 0.4;

    /// <summary>Per-pixel standard deviation of the thresholds (fixed-pattern mismatch).</summary>
    public double ThresholdSigma { get; init; } = 0.03;

    /// <summary>A pixel that fired is blind for this long, microseconds.</summary>
    public long RefractoryMicroseconds { get; init; } = 500;

    /// <summary>Background activity per pixel, events per second (0 turns noise off).</summary>
    public double NoiseHz { get; init; }

    /// <summary>Intensity of a black screen pixel, so log intensity stays finite: <c>L = ln(Offset + value)</c>.</summary>
    public double IntensityOffset { get; init; } = 0.1;

    /// <summary>Gaussian blur of the optics, in pixels.</summary>
    public double BlurSigma { get; init; } = 0.6;
}
