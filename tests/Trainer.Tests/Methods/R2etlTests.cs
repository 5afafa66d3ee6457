using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Methods.R2etl;
using Snnsweep.Trainer.Tests.Training;
using Snnsweep.Trainer.Training;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Tests.Methods;

public sealed class R2etlTests
{
    //                                          statics: classes 0 1 0 0 1 1 0      events: 0 1 0 1 0
    private static readonly int[] StaticLabels = [0, 1, 0, 0, 1, 1, 0];
    private static readonly int[] EventLabels = [0, 1, 0, 1, 0];

    [Fact]
    public void The_ith_static_image_of_a_class_is_paired_with_event_i_mod_n_of_that_class()
    {
        var stream = new R2etlPairStream(StaticLabels, EventLabels, 2, pairsPerEpoch: 0, batchSize: 7, seed: 3);

        var (statics, events) = stream.Pairs(new BatchPosition(1, 0, 1, 1));

        // Class 0: statics 0,2,3,6 (index in class 0..3) -> events 0,2,4,0; class 1: statics 1,4,5 -> events 1,3,1.
        var expected = new Dictionary<int, int> { [0] = 0, [2] = 2, [3] = 4, [6] = 0, [1] = 1, [4] = 3, [5] = 1 };
        Assert.Equal(7, statics.Length);
        Assert.Equal(Enumerable.Range(0, 7), statics.Order());
        for (var j = 0; j < statics.Length; j++) Assert.Equal(expected[statics[j]], events[j]);
    }

    [Fact]
    public void Short_epochs_walk_on_through_the_static_images_and_repeat_exactly()
    {
        var stream = new R2etlPairStream(StaticLabels, EventLabels, 2, pairsPerEpoch: 3, batchSize: 3, seed: 3);
        var again = new R2etlPairStream(StaticLabels, EventLabels, 2, pairsPerEpoch: 3, batchSize: 3, seed: 3);

        var seen = Enumerable.Range(1, 2).SelectMany(e => stream.Pairs(new BatchPosition(e, 0, 1, 3)).Static).ToArray();

        Assert.Equal(6, seen.Distinct().Count());
        Assert.Equal(stream.Pairs(new BatchPosition(3, 0, 1, 3)).Static, again.Pairs(new BatchPosition(3, 0, 1, 3)).Static);
    }

    [Fact]
    public void Static_images_are_direct_input_in_their_own_channels_repeated_over_the_steps()
    {
        var config = TrainingMethods.DefaultConfig("r2etl", "tiny") with { Timesteps = TinyData.Timesteps, Layers = "4C3-AP2-8C3-AP2", BatchSize = 8, R2etl = new R2etlOptions(Bottleneck: 6) };
        using var run = new R2etlMethod().Start(config, TinyData.CreatePaired(), CPU);
        using var scope = NewDisposeScope();

        var batch = run.LoadBatch(new BatchPosition(1, 0, run.BatchesPerEpoch, 1));

        Assert.Equal([(long)TinyData.Timesteps, 8L, 1L, 8L, 8L], batch.Static!.shape);
        Assert.True(batch.Static[0].eq(batch.Static[1]).all().item<bool>());
        Assert.Equal(40, run.SamplesPerEpoch);
    }

    [Fact]
    public void The_inference_path_is_event_stem_trunk_bottleneck_and_classifier()
    {
        var config = TrainingMethods.DefaultConfig("r2etl", "tiny") with { Timesteps = TinyData.Timesteps, Layers = "4C3-AP2-8C3-AP2", R2etl = new R2etlOptions(Bottleneck: 6) };
        using var run = new R2etlMethod().Start(config, TinyData.CreatePaired(), CPU);

        Assert.Equal(1 + 1 + 2, run.Cost.WeightLayers);
        Assert.Equal(3, run.Neurons.Count);
        using var logits = run.Predict(rand([TinyData.Timesteps, 3, 2, 8, 8], generator: new Generator(8)));
        Assert.Equal([(long)TinyData.Timesteps, 3L, 2L], logits.shape);
    }

    [Fact]
    public void The_laplace_edge_map_uses_opencvs_diagonal_aperture_and_keeps_the_dark_side_of_edges()
    {
        // One bright pixel on black: the 3x3 aperture [[2,0,2],[0,-8,0],[2,0,2]] gives +510 (saturated to 255) on
        // its four diagonal neighbours, 0 on its direct neighbours and -2040 (saturated to 0) on itself.
        var image = new float[25];
        image[12] = 1f;

        var edges = LaplacianEdges.Compute(image, 5, 5);

        var expected = new float[25];
        foreach (var i in new[] { 6, 8, 16, 18 }) expected[i] = 1f;
        Assert.Equal(expected, edges);
    }

    [Theory]
    [InlineData("poisson")]
    [InlineData("laplace")]
    public void Spike_codings_give_binary_static_input_that_repeats_exactly_for_a_batch_position(string coding)
    {
        var config = TrainingConfigSchema.Apply(
            TrainingMethods.DefaultConfig("r2etl", "tiny") with { Timesteps = TinyData.Timesteps, Layers = "4C3-AP2-8C3-AP2", BatchSize = 8 },
            [$"r2etl.staticCoding={coding}"]);
        using var run = new R2etlMethod().Start(config, TinyData.CreatePaired(), CPU);
        using var scope = NewDisposeScope();
        var position = new BatchPosition(2, 1, run.BatchesPerEpoch, 3);

        var first = run.LoadBatch(position).Static!;
        var second = run.LoadBatch(position).Static!;
        var other = run.LoadBatch(position with { Batch = 2 }).Static!;

        Assert.True(first.eq(0).logical_or(first.eq(1)).all().item<bool>());
        Assert.True(first.sum().item<float>() > 0);
        Assert.True(first.eq(second).all().item<bool>());
        Assert.False(first.eq(other).all().item<bool>());
        Assert.False(first[0].eq(first[1]).all().item<bool>(), "each step draws its own spikes");
    }
}
