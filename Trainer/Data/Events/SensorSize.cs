namespace Snnsweep.Trainer.Data.Events;

/// <summary>Sensor resolution in pixels (width = columns = x range, height = rows = y range).</summary>
public readonly record struct SensorSize(int Width, int Height)
{
    public static readonly SensorSize Dvs128 = new(128, 128);
    public static readonly SensorSize Davis346 = new(346, 260);
    public static readonly SensorSize NMnist = new(34, 34);
    public static readonly SensorSize NCaltech101 = new(240, 180);

    /// <summary>Widest or tallest sensor a reader accepts (today's largest event cameras are 1280 x 720 or so).</summary>
    public const int MaxSide = 4096;

    /// <summary>Largest frame plane (width x height) a reader accepts: 2^24 pixels.</summary>
    public const long MaxPixels = 1L << 24;

    /// <summary>
    /// The sensor <paramref name="width"/> x <paramref name="height"/> when it is a sane size (1..<see cref="MaxSide"/>
    /// on each side, at most <see cref="MaxPixels"/> pixels): frames are allocated from it, so an extent taken from
    /// untrusted events or headers must not reach the framer unchecked.
    /// </summary>
    /// <exception cref="DatasetFormatException">Outside those limits; the message names the file and the size.</exception>
    public static SensorSize Checked(long width, long height, string name, long offset)
    {
        if (width < 1 || height < 1 || width > MaxSide || height > MaxSide || width * height > MaxPixels)
            throw new DatasetFormatException(name, offset,
                $"sensor size {width}x{height} is outside the supported 1..{MaxSide} x 1..{MaxSide} ({MaxPixels} pixels at most); see docs/datasets.md");
        return new SensorSize((int)width, (int)height);
    }

    public bool Contains(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height;

    public override string ToString() => $"{Width}x{Height}";
}
