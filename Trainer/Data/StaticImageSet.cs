namespace Snnsweep.Trainer.Data;

/// <summary>Static (frame-camera) images of the transfer source domain: row-major bytes per channel, with labels.</summary>
public sealed record StaticImageSet(byte[] Pixels, int[] Labels, int Channels, int Height, int Width)
{
    public int Count => Labels.Length;
}
