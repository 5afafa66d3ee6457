using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Native;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Tests.Methods;

public sealed class MetricAccumulatorTests
{
    [Fact]
    public void Metrics_summed_on_the_device_average_exactly_as_host_reads_did_and_are_read_in_one_go()
    {
        using var metrics = new MetricAccumulator();
        var random = new Random(3);
        var losses = Enumerable.Range(0, 7).Select(_ => (float)(random.NextDouble() * 3)).ToArray();
        var ckas = Enumerable.Range(0, 7).Select(_ => (float)random.NextDouble()).ToArray();
        var probabilities = Enumerable.Range(0, 7).Select(_ => random.NextDouble()).ToArray();
        var before = HostReads.OnThisThread;

        for (var i = 0; i < losses.Length; i++)
        {
            // As the runs add them: a scalar loss with its graph, a mean, and a number the host already has.
            using var weight = tensor(1f, requires_grad: true);
            using var loss = tensor(losses[i]) * weight;
            AddBatch(metrics, loss, ckas[i], probabilities[i]);
        }
        Assert.Equal(before, HostReads.OnThisThread);
        var means = metrics.Take();

        Assert.Equal(before + 1, HostReads.OnThisThread);
        // The old accumulator: float32 values read one by one and summed in double.
        Assert.Equal(losses.Aggregate(0.0, (sum, v) => sum + v) / losses.Length, means["loss"]);
        Assert.Equal(ckas.Aggregate(0.0, (sum, v) => sum + v) / ckas.Length, means["cka"]);
        Assert.Equal(probabilities.Aggregate(0.0, (sum, v) => sum + v) / probabilities.Length, means["probability"]);
        Assert.Equal(["loss", "cka", "probability"], means.Keys);
        Assert.Empty(metrics.Take());
    }

    private static void AddBatch(MetricAccumulator metrics, Tensor loss, float cka, double probability)
    {
        metrics.Add("loss", loss);
        using var values = tensor(new[] { cka, cka });
        using var mean = values.mean();
        metrics.Add("cka", mean);
        metrics.Add("probability", probability);
    }

    [Fact]
    public void A_device_sum_outlives_the_dispose_scope_of_the_batch_that_added_to_it()
    {
        using var metrics = new MetricAccumulator();
        for (var i = 1; i <= 3; i++)
        {
            using var scope = NewDisposeScope();
            metrics.Add("x", tensor((float)i));
        }

        Assert.Equal(2.0, metrics.Take()["x"]);
    }
}
