namespace Snnsweep.Trainer.Data.Events;

/// <summary>Sensor resolution in pixels (width = columns = x range, height = rows = y range).</summary>
public readonly record struct SensorSize(int Width, int Height)
{
    public static readonly SensorSize Dvs128 = new(128, 128);
    public static readonly SensorSize Davis346 = new(346, 260);
    public static readonly SensorSize NMnist = new(34, 34);
    public static readonly SensorSize NCaltech101 = new(240, 180);

    public bool Contains(int x, int y) => (uint)x < (uint)Width && (uint)y < (uint)Height;

    public override string ToString() => $"{Width}x{Height}";
}
