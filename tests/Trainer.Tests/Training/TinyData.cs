using Snnsweep.Trainer.Data;

namespace Snnsweep.Trainer.Tests.Training;

/// <summary>A small learnable event-like dataset: class 0 fires in the left half of an 8x8 sensor, class 1 in the right.</summary>
internal static class TinyData
{
    public const int Timesteps = 2;

    public static DatasetSplits Create(int train = 64, int validation = 32, int test = 32)
    {
        var random = new Random(7);
        FrameDataset Make(int count)
        {
            var frames = new byte[count * Timesteps * 2 * 8 * 8];
            var labels = new int[count];
            for (var n = 0; n < count; n++)
            {
                labels[n] = n % 2;
                for (var i = 0; i < Timesteps * 2 * 8 * 8; i++)
                {
                    var x = i % 8;
                    var inClassHalf = labels[n] == 0 ? x < 4 : x >= 4;
                    frames[n * Timesteps * 128 + i] = (byte)(random.NextDouble() < (inClassHalf ? 0.5 : 0.1) ? random.Next(1, 4) : 0);
                }
            }
            return new FrameDataset(frames, labels, Timesteps, 2, 8, 8, ["left", "right"]);
        }
        return new DatasetSplits("tiny", Make(train), Make(validation), Make(test), null);
    }
}
