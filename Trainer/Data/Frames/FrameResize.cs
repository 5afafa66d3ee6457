namespace Snnsweep.Trainer.Data.Frames;

/// <summary>
/// Bilinear resize of every frame plane to <c>Width x Height</c>. <see cref="AlignCorners"/> true is BrainCog's
/// <c>F.interpolate(..., align_corners=True)</c>; false is PyTorch's default and torchvision's Resize.
/// </summary>
public sealed record FrameResize(int Width, int Height, bool AlignCorners)
{
    public static FrameResize Square(int size, bool alignCorners) => new(size, size, alignCorners);
}
