namespace Snnsweep.Trainer.Data.Static;

/// <summary>An 8-bit image stored channel-major <c>[Channels, Height, Width]</c> (1 = grey, 3 = RGB), like torch tensors.</summary>
public sealed record StaticImage(int Width, int Height, int Channels, byte[] Pixels)
{
    public byte this[int channel, int y, int x] => Pixels[(channel * Height + y) * Width + x];
}
