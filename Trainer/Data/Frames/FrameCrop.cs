namespace Snnsweep.Trainer.Data.Frames;

/// <summary>A rectangle cut out of the integrated frames before resizing (e.g. N-Omniglot's 250x250 centre at x 54, y 4).</summary>
public sealed record FrameCrop(int X, int Y, int Width, int Height);
