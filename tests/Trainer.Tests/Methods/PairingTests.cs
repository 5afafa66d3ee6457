using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Methods;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Tests.Methods;

public sealed class PairingTests
{
    [Fact]
    public void Random_partners_share_the_class_and_vary_between_draws()
    {
        int[] labels = [0, 1, 1, 0, 2, 0, 1];
        var sampler = new ClassPairedSampler(labels, 3);
        var random = new Random(1);

        var draws = Enumerable.Range(0, 200).Select(_ => sampler.Random(0, random)).ToArray();

        Assert.All(draws, d => Assert.Equal(0, labels[d]));
        Assert.Equal([0, 3, 5], draws.Distinct().Order());
    }

    [Fact]
    public void Batch_draws_are_a_function_of_seed_epoch_and_batch()
    {
        var a = BatchRandom.For(3, new BatchPosition(2, 5, 10, 4), 1).Next();
        var b = BatchRandom.For(3, new BatchPosition(2, 5, 10, 4), 1).Next();
        var otherBatch = BatchRandom.For(3, new BatchPosition(2, 6, 10, 4), 1).Next();
        var otherPurpose = BatchRandom.For(3, new BatchPosition(2, 5, 10, 4), 2).Next();

        Assert.Equal(a, b);
        Assert.NotEqual(a, otherBatch);
        Assert.NotEqual(a, otherPurpose);
    }

    [Fact]
    public void Static_images_are_centre_padded_or_resized_to_the_event_frame()
    {
        // One 2x2 RGB image: V = max over channels.
        var images = new StaticImageSet([10, 20, 30, 40, 200, 0, 0, 0, 0, 0, 0, 255], [0], 3, 2, 2);

        var padded = new StaticImageEncoder(images, 4, 4, StaticFit.Pad, StaticEncoding.Value);
        var resized = new StaticImageEncoder(images, 3, 3, StaticFit.Resize, StaticEncoding.Direct);
        using var pad = padded.Load([0], CPU);
        using var resize = resized.Load([0], CPU);

        Assert.Equal([1L, 1L, 4L, 4L], pad.shape);
        Assert.Equal(new[] { 0f, 0f, 0f, 0f, 0f, 200 / 255f, 20 / 255f, 0f, 0f, 30 / 255f, 255 / 255f, 0f, 0f, 0f, 0f, 0f }, pad.data<float>().ToArray());
        Assert.Equal([1L, 3L, 3L, 3L], resize.shape);
        // Aligned corners keep the corners and put the mean of the four pixels in the centre.
        using var red = resize[0, 0];
        Assert.Equal(10 / 255f, red[0, 0].item<float>(), 6);
        Assert.Equal(40 / 255f, red[2, 2].item<float>(), 6);
        Assert.Equal(25 / 255f, red[1, 1].item<float>(), 6);
    }

    [Fact]
    public void A_default_epoch_is_one_shuffled_pass_and_a_longer_one_walks_on_through_fresh_permutations()
    {
        var plain = new EventEpochPlan(count: 10, batchSize: 4, seed: 2);
        var longer = new EventEpochPlan(count: 10, batchSize: 4, seed: 2, samplesPerEpoch: 25);

        var epoch2 = Enumerable.Range(0, plain.BatchesPerEpoch).SelectMany(b => plain.Indices(new BatchPosition(2, b, 3, 5))).ToArray();
        var stream = Enumerable.Range(0, longer.BatchesPerEpoch).SelectMany(b => longer.Indices(new BatchPosition(1, b, 7, 5))).ToArray();

        Assert.Equal(Snnsweep.Trainer.Training.TrainingLoop.ShuffledOrder(10, 2, 2), epoch2);
        Assert.Equal(25, stream.Length);
        Assert.Equal(Snnsweep.Trainer.Training.TrainingLoop.ShuffledOrder(10, 2, 1), stream[..10]);
        Assert.Equal(Snnsweep.Trainer.Training.TrainingLoop.ShuffledOrder(10, 2, 2), stream[10..20]);
        // Epoch 2 of the longer plan continues mid-permutation where epoch 1 stopped.
        Assert.Equal(Snnsweep.Trainer.Training.TrainingLoop.ShuffledOrder(10, 2, 3)[5..9], longer.Indices(new BatchPosition(2, 0, 7, 5)));
    }
}
