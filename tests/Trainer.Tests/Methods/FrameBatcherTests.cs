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
}
