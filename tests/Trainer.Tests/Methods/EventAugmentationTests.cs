using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Tests.Training;
using Snnsweep.Trainer.Training;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Tests.Methods;

public sealed class EventAugmentationTests
{
    private const int Steps = 3, Batch = 24, Channels = 2, Height = 7, Width = 9;

    /// <summary>Distinct positive values everywhere, so any translation or mirror is told apart from any other.</summary>
    private static float[] Frames()
    {
        var random = new Random(3);
        return Enumerable.Range(0, Steps * Batch * Channels * Height * Width).Select(_ => 1f + (float)random.NextDouble()).ToArray();
    }

    private static float[] Augment(float[] frames, int shift, bool flip, int seed)
    {
        using var input = tensor(frames, [Steps, Batch, Channels, Height, Width]);
        using var output = EventAugmentation.Apply(input, shift, flip, new Random(seed));
        return output.data<float>().ToArray();
    }

    /// <summary>Sample <paramref name="b"/> of <paramref name="frames"/> moved by (dy, dx), zero where nothing moved in, optionally mirrored afterwards.</summary>
    private static float[] Expected(float[] frames, int b, int dy, int dx, bool mirrored)
    {
        var result = new float[Steps * Channels * Height * Width];
        for (var t = 0; t < Steps; t++)
        for (var c = 0; c < Channels; c++)
        for (var y = 0; y < Height; y++)
        for (var x = 0; x < Width; x++)
        {
            var column = mirrored ? Width - 1 - x : x;
            int sy = y - dy, sx = column - dx;
            var inside = sy >= 0 && sy < Height && sx >= 0 && sx < Width;
            result[((t * Channels + c) * Height + y) * Width + x] = inside ? frames[(((t * Batch + b) * Channels + c) * Height + sy) * Width + sx] : 0f;
        }
        return result;
    }

    private static float[] Sample(float[] frames, int b)
    {
        var result = new float[Steps * Channels * Height * Width];
        for (var t = 0; t < Steps; t++)
        for (var c = 0; c < Channels; c++)
            Array.Copy(frames, ((t * Batch + b) * Channels + c) * Height * Width, result, (t * Channels + c) * Height * Width, Height * Width);
        return result;
    }

    /// <summary>Every (dy, dx, mirrored) within the limits that turns sample b of the input into sample b of the output.</summary>
    private static List<(int Dy, int Dx, bool Mirrored)> Explanations(float[] input, float[] output, int b, int shift, bool flip)
    {
        var found = new List<(int, int, bool)>();
        var actual = Sample(output, b);
        for (var dy = -shift; dy <= shift; dy++)
        for (var dx = -shift; dx <= shift; dx++)
        foreach (var mirrored in flip ? new[] { false, true } : [false])
            if (Expected(input, b, dy, dx, mirrored).SequenceEqual(actual)) found.Add((dy, dx, mirrored));
        return found;
    }

    [Fact]
    public void Without_shift_or_flip_the_frames_pass_unchanged()
    {
        var frames = Frames();

        Assert.Equal(frames, Augment(frames, shift: 0, flip: false, seed: 1));
    }

    [Fact]
    public void Each_sample_is_translated_as_a_whole_within_the_shift_and_zero_filled()
    {
        var frames = Frames();

        var output = Augment(frames, shift: 2, flip: false, seed: 1);

        // One translation explains all steps and polarities of a sample; the samples draw their own.
        var moves = Enumerable.Range(0, Batch).Select(b => Assert.Single(Explanations(frames, output, b, 2, flip: false))).ToList();
        Assert.True(moves.Distinct().Count() > 5, "the samples should not share one translation");
        Assert.Contains(moves, m => m.Dy != 0 || m.Dx != 0);
        Assert.Contains(moves, m => Math.Abs(m.Dy) == 2 || Math.Abs(m.Dx) == 2);
    }

    [Fact]
    public void Flipping_mirrors_about_half_of_the_samples_left_to_right()
    {
        var frames = Frames();

        var output = Augment(frames, shift: 0, flip: true, seed: 2);

        var mirrored = Enumerable.Range(0, Batch).Count(b => Assert.Single(Explanations(frames, output, b, 0, flip: true)).Mirrored);
        Assert.InRange(mirrored, 4, Batch - 4);
    }

    [Fact]
    public void The_same_draws_give_the_same_batch_and_other_draws_another()
    {
        var frames = Frames();

        Assert.Equal(Augment(frames, 3, true, seed: 5), Augment(frames, 3, true, seed: 5));
        Assert.NotEqual(Augment(frames, 3, true, seed: 5), Augment(frames, 3, true, seed: 6));
    }

    [Fact]
    public void Augmentation_changes_what_training_sees_but_not_what_evaluation_sees()
    {
        var config = new TrainingConfig { Dataset = "tiny", Epochs = 1, BatchSize = 16, Timesteps = TinyData.Timesteps, Layers = "4C3-AP2", Seed = 4 };
        var data = TinyData.Create();

        var plain = TrainingLoop.Run(config, data, new TrainingRunOptions(), CancellationToken.None);
        var augmented = TrainingLoop.Run(config with { AugmentShift = 2, AugmentFlip = true }, data, new TrainingRunOptions(), CancellationToken.None);
        var again = TrainingLoop.Run(config with { AugmentShift = 2, AugmentFlip = true }, data, new TrainingRunOptions(), CancellationToken.None);

        Assert.NotEqual(plain.Curve[0].TrainLoss, augmented.Curve[0].TrainLoss);
        Assert.Equal(augmented.Curve[0].TrainLoss, again.Curve[0].TrainLoss);
        Assert.Equal(augmented.TestAccuracy, again.TestAccuracy);
    }

    [Fact]
    public void A_negative_shift_is_refused_by_the_configuration_naming_the_key()
    {
        var error = Assert.Throws<InvalidConfigException>(() => TrainingConfigSchema.Apply(new TrainingConfig(), ["data.augmentShift=-1"]));

        Assert.Contains("data.augmentShift", error.Message);
    }
}
