using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Data.Demo;
using Snnsweep.Trainer.Data.Frames;

namespace Snnsweep.Trainer.Tests.Data;

public sealed class DemoDatasetTests
{
    [Fact]
    public void Demo_splits_are_disjoint_fixed_and_cached()
    {
        var root = Path.Combine(Path.GetTempPath(), "snnsweep-tests-data");

        var first = DemoDataset.Load(DemoVariant.Bundled, 4, FrameSlicing.Time, root);
        var second = DemoDataset.Load(DemoVariant.Bundled, 4, FrameSlicing.Time, root);

        Assert.Equal((3000, 1000, 1000), (first.Train.Count, first.Validation.Count, first.Test.Count));
        Assert.Equal(5000, first.Static!.Count);
        Assert.Equal(first.Train.Labels, second.Train.Labels);
        float[] a = new float[first.Train.SampleSize], b = new float[first.Train.SampleSize];
        foreach (var i in new[] { 0, 1234, 2999 })
        {
            first.Train.CopySample(i, a);
            second.Train.CopySample(i, b);
            Assert.Equal(a, b);
        }
        Assert.True(File.Exists(Path.Combine(root, "cache", "demo", "bundled-T4-time-v1.frames")));
        // Every class is present in every split, in roughly equal numbers.
        foreach (var split in new[] { first.Train, first.Validation, first.Test })
            Assert.All(Enumerable.Range(0, 10), c => Assert.InRange(split.Labels.Count(l => l == c), split.Count / 20, split.Count / 5));
        Assert.Equal(4 * 2 * 34 * 34, first.Train.SampleSize);
    }

    [Fact]
    public void A_batch_is_laid_out_time_major()
    {
        var frames = new byte[2 * 3 * 2 * 1 * 1];
        for (var i = 0; i < frames.Length; i++) frames[i] = (byte)i; // sample n, step t, channel c -> n*6 + t*2 + c
        var set = new FrameDataset(frames, [0, 1], 3, 2, 1, 1, ["a", "b"]);
        var batch = new float[12];
        var labels = new long[2];

        set.FillBatch([1, 0], batch, labels);

        // [T, B, C]: t0 (sample 1, sample 0), t1 (...), t2 (...)
        Assert.Equal([6f, 7f, 0f, 1f, 8f, 9f, 2f, 3f, 10f, 11f, 4f, 5f], batch);
        Assert.Equal([1L, 0L], labels);
    }
}
