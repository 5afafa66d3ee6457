using Snnsweep.Trainer.Data;

namespace Snnsweep.Trainer.Tests.Training;

/// <summary>A small learnable event-like dataset: class 0 fires in the left half of an 8x8 sensor, class 1 in the right.</summary>
internal static class TinyData
{
    public const int Timesteps = 2;

    /// <summary>A baseline that learns this data in a few epochs of four batches.</summary>
    public static Snnsweep.Trainer.Training.TrainingConfig Config(int epochs = 3) => new()
    {
        Dataset = "tiny",
        Epochs = epochs,
        BatchSize = 16,
        Timesteps = Timesteps,
        Layers = "4C3-AP2",
        LearningRate = 5e-3,
        Seed = 11,
    };

    /// <summary>
    /// Any method's defaults cut down to this data (use <see cref="CreatePaired"/> for the transfer methods): two epochs
    /// of two batches of 16, a network of two conv layers, ssnn in two stages of (2, 1) steps.
    /// </summary>
    public static Snnsweep.Trainer.Training.TrainingConfig MethodConfig(string method) => Snnsweep.Trainer.Methods.TrainingMethods.DefaultConfig(method, "tiny") with
    {
        Epochs = 2,
        BatchSize = 16,
        Timesteps = Timesteps,
        Layers = "4C3-AP2-8C3-AP2",
        LearningRate = 5e-3,
        Seed = 5,
        ValidationSamples = 16,
        Ssnn = new() { Stages = 2, T2 = 1 },
        EpochSamples = 32,
        R2etl = new() { Bottleneck = 8 },
    };

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

    /// <summary>
    /// The same events with a static domain: 6x6 grey images (padded to 8x8 by the methods), class 0 bright
    /// on the left, class 1 on the right, in no particular class order.
    /// </summary>
    public static DatasetSplits CreatePaired(int train = 64, int validation = 32, int test = 32, int images = 40)
    {
        var random = new Random(11);
        var pixels = new byte[images * 36];
        var labels = new int[images];
        for (var n = 0; n < images; n++)
        {
            labels[n] = random.Next(2);
            for (var i = 0; i < 36; i++)
            {
                var left = i % 6 < 3;
                var bright = labels[n] == 0 ? left : !left;
                pixels[n * 36 + i] = (byte)(bright ? random.Next(150, 256) : random.Next(0, 60));
            }
        }
        return Create(train, validation, test) with { Static = new StaticImageSet(pixels, labels, 1, 6, 6) };
    }
}
