using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Methods;
using TorchSharp;

namespace Snnsweep.Trainer.Tests.Methods;

public sealed class FrameBatcherTests
{
    [Fact]
    public void A_loaded_batch_holds_every_count_of_its_samples_time_major_as_floats()
    {
        // 2 x 17 x 17 frames (578 bytes: vector body and scalar tail) with counts up to 255 (the top bit set).
        const int Steps = 3, Channels = 2, Size = 17, Samples = 5;
        var random = new Random(4);
        var frames = new byte[Samples * Steps * Channels * Size * Size];
        random.NextBytes(frames);
        var set = new FrameDataset(frames, [0, 1, 2, 0, 1], Steps, Channels, Size, Size, ["a", "b", "c"]);
        var batcher = new FrameBatcher(set, 4, torch.CPU);
        int[] indices = [3, 0, 4];

        var (input, labels) = batcher.Load(indices);
        using var _ = input;
        using var __ = labels;

        Assert.Equal([Steps, indices.Length, Channels, Size, Size], input.shape);
        Assert.Equal([0L, 0L, 1L], labels.data<long>().ToArray());
        var values = input.data<float>().ToArray();
        var frameSize = Channels * Size * Size;
        for (var t = 0; t < Steps; t++)
        for (var b = 0; b < indices.Length; b++)
        for (var i = 0; i < frameSize; i++)
            Assert.Equal(frames[(indices[b] * Steps + t) * frameSize + i], values[(t * indices.Length + b) * frameSize + i]);
    }

    private static FrameDataset RandomSet(int samples = 12)
    {
        var random = new Random(9);
        var frames = new byte[samples * 2 * 2 * 6 * 6];
        random.NextBytes(frames);
        return new FrameDataset(frames, Enumerable.Range(0, samples).Select(i => i % 3).ToArray(), 2, 2, 6, 6, ["a", "b", "c"]);
    }

    private static (float[] Frames, long[] Labels) Read((torch.Tensor Input, torch.Tensor Labels) batch)
    {
        using var input = batch.Input;
        using var labels = batch.Labels;
        return (input.data<float>().ToArray(), labels.data<long>().ToArray());
    }

    [Fact]
    public void Prefetched_batches_equal_the_batches_loaded_in_place()
    {
        var set = RandomSet();
        using var plain = new FrameBatcher(set, 4, torch.CPU);
        using var prefetching = new FrameBatcher(set, 4, torch.CPU, prefetch: true);
        int[][] batches = [[3, 0, 7, 1], [11, 2, 5, 4], [6, 9], [8, 10, 0, 3]];
        var prefetched = FrameBatcher.PrefetchedLoadsOnThisThread;

        prefetching.Prefetch(batches[0]);
        for (var i = 0; i < batches.Length; i++)
        {
            var ahead = Read(prefetching.Load(batches[i]));
            if (i + 1 < batches.Length) prefetching.Prefetch(batches[i + 1]);
            var inPlace = Read(plain.Load(batches[i]));

            Assert.Equal(inPlace.Frames, ahead.Frames);
            Assert.Equal(inPlace.Labels, ahead.Labels);
        }
        Assert.True(prefetching.Prefetches);
        Assert.Equal(prefetched + batches.Length, FrameBatcher.PrefetchedLoadsOnThisThread);
    }

    [Fact]
    public void A_prefetch_of_other_samples_is_dropped_and_the_asked_batch_loaded()
    {
        var set = RandomSet();
        using var plain = new FrameBatcher(set, 4, torch.CPU);
        using var prefetching = new FrameBatcher(set, 4, torch.CPU, prefetch: true);
        var prefetched = FrameBatcher.PrefetchedLoadsOnThisThread;

        prefetching.Prefetch([0, 1, 2]);
        var loaded = Read(prefetching.Load([5, 1, 2]));

        Assert.Equal(Read(plain.Load([5, 1, 2])).Frames, loaded.Frames);
        Assert.Equal(prefetched, FrameBatcher.PrefetchedLoadsOnThisThread);
    }

    [Fact]
    public void A_prefetched_batch_belongs_to_the_dispose_scope_of_the_load()
    {
        using var prefetching = new FrameBatcher(RandomSet(), 4, torch.CPU, prefetch: true);
        prefetching.Prefetch([1, 2]);
        torch.Tensor input, labels;

        using (torch.NewDisposeScope())
        {
            (input, labels) = prefetching.Load([1, 2]);
            Assert.False(input.IsInvalid);
        }

        // Built on another thread, yet freed with the batch's scope as a batch loaded in place would be.
        Assert.True(input.IsInvalid);
        Assert.True(labels.IsInvalid);
    }

    [Fact]
    public void On_the_cpu_batches_are_built_in_place_unless_prefetching_is_asked_for()
    {
        using var batcher = new FrameBatcher(RandomSet(), 4, torch.CPU);
        var prefetched = FrameBatcher.PrefetchedLoadsOnThisThread;

        batcher.Prefetch([0, 1]);
        Read(batcher.Load([0, 1]));

        Assert.False(batcher.Prefetches);
        Assert.Equal(prefetched, FrameBatcher.PrefetchedLoadsOnThisThread);
    }
}
