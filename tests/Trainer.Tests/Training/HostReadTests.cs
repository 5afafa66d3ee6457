using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Native;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Trainer.Tests.Training;

/// <summary>
/// On a GPU every host read waits for the device: a training batch makes one (its loss, for the divergence check),
/// whatever the method and however many spiking layers it has; the rest waits for the end of the epoch.
/// </summary>
public sealed class HostReadTests
{
    public static TheoryData<string, bool> MethodsAndPaths()
    {
        var data = new TheoryData<string, bool>();
        foreach (var method in TrainingMethods.Names)
        {
            data.Add(method, false);
            data.Add(method, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MethodsAndPaths))]
    public void A_training_batch_reads_the_device_once_whatever_the_method_and_its_layers(string method, bool fused)
    {
        // Four batches; with the fused kernels off the spike counts are the tensor-op path's, kept on the device.
        var config = TinyData.MethodConfig(method) with { Epochs = 1, EpochSamples = 64, FusedKernels = fused };
        var atBatch = new List<long>();
        long atEpochEnd = 0;
        var options = new TrainingRunOptions
        {
            Progress = p =>
            {
                if (p.Completed is null) atBatch.Add(HostReads.OnThisThread);
                else atEpochEnd = HostReads.OnThisThread;
            },
        };

        TrainingLoop.Run(config, TinyData.CreatePaired(train: 48), options, CancellationToken.None);

        Assert.Equal(4, atBatch.Count);
        for (var b = 1; b < atBatch.Count; b++) Assert.True(atBatch[b] - atBatch[b - 1] == 1, $"batch {b + 1} read the device {atBatch[b] - atBatch[b - 1]} times");
        // The epoch's end: the layers' firing rates, the method's metrics, and validation's accuracy and firing rates.
        Assert.InRange(atEpochEnd - atBatch[^1], 1, 4);
    }
}
