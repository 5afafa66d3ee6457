namespace Snnsweep.Trainer.Data.Static;

/// <summary>One CIFAR-10 binary batch: labels 0..9 and 32x32 RGB images.</summary>
public sealed record Cifar10Batch(byte[] Labels, byte[] Pixels)
{
    public const int Side = 32;
    public const int ImageBytes = 3 * Side * Side;

    public int Count => Labels.Length;

    /// <summary>Image <paramref name="index"/>: the R, G and B planes, each 32x32 row-major, as stored.</summary>
    public StaticImage Image(int index) => new(Side, Side, 3, Pixels.AsSpan(index * ImageBytes, ImageBytes).ToArray());
}
