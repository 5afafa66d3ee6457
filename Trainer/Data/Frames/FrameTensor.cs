namespace Snnsweep.Trainer.Data.Frames;

/// <summary>Integrated frames, row-major <c>[Frames, Channels, Height, Width]</c> float32.</summary>
public sealed record FrameTensor(float[] Data, int Frames, int Channels, int Height, int Width)
{
    public int PlaneSize => Height * Width;

    public float this[int frame, int channel, int y, int x] => Data[((frame * Channels + channel) * Height + y) * Width + x];

    /// <summary>Sum over one frame's channel (handy for checks and reports).</summary>
    public double Sum(int frame, int channel)
    {
        var start = (frame * Channels + channel) * PlaneSize;
        double sum = 0;
        for (var i = start; i < start + PlaneSize; i++) sum += Data[i];
        return sum;
    }
}
