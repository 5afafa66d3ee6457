using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Trainer.Tests.Training;

/// <summary>
/// Batches built ahead on a background task (on by default only for CUDA; turned on here for the CPU) are the
/// batches the loop then trains on, and change no number of any method.
/// </summary>
public sealed class BatchPrefetchTests
{
    public static TheoryData<string> Methods => new(TrainingMethods.Names);

    [Theory]
    [MemberData(nameof(Methods))]
    public void Prefetching_changes_no_number_and_the_loop_uses_every_batch_it_prefetched(string method)
    {
        // Two epochs of four batches, augmented: every random draw a batch makes must stay where it was.
        var config = TrainingConfigSchema.Apply(TinyData.MethodConfig(method) with { EpochSamples = 64 }, ["data.augmentShift=2", "data.augmentFlip=true"]);
        var data = TinyData.CreatePaired(train: 48);
        var plain = TrainingLoop.Run(config, data, new TrainingRunOptions(), CancellationToken.None);

        var before = FrameBatcher.PrefetchedLoadsOnThisThread;
        TrainingResult prefetched;
        FrameBatcher.PrefetchOnCpu = true;
        try
        {
            prefetched = TrainingLoop.Run(config, data, new TrainingRunOptions(), CancellationToken.None);
        }
        finally
        {
            FrameBatcher.PrefetchOnCpu = false;
        }

        // Each epoch's batches but its first (loaded in place), and the second of the test split's two evaluation batches.
        Assert.Equal(2 * 3 + 1, FrameBatcher.PrefetchedLoadsOnThisThread - before);
        Assert.Equal(plain.Curve.Select(e => e.TrainLoss), prefetched.Curve.Select(e => e.TrainLoss));
        Assert.Equal(plain.Curve.Select(e => e.ValAccuracy), prefetched.Curve.Select(e => e.ValAccuracy));
        Assert.Equal(plain.Curve.SelectMany(e => e.FiringRates), prefetched.Curve.SelectMany(e => e.FiringRates));
        Assert.Equal(plain.Curve[^1].MethodMetrics, prefetched.Curve[^1].MethodMetrics);
        Assert.Equal(plain.TestAccuracy, prefetched.TestAccuracy);
        Assert.Equal(plain.Coefficients, prefetched.Coefficients);
    }
}
