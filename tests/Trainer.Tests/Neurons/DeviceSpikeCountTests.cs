using Snnsweep.Trainer.Native;
using Snnsweep.Trainer.Neurons;
using TorchSharp;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Tests.Neurons;

/// <summary>
/// The tensor-op path (what runs on a GPU) counts spikes on the input's device and leaves them there until a
/// firing rate is taken; the rates are the ones the old per-forward host reads gave.
/// </summary>
public sealed class DeviceSpikeCountTests
{
    /// <summary>What the neuron computed before the count moved to the device: the float32 sum of every forward read on the host, added up in double.</summary>
    private static double HostSideRate(IEnumerable<Tensor> outputs)
    {
        double spikes = 0;
        long elements = 0;
        foreach (var output in outputs)
        {
            using var total = output.sum();
            spikes += total.item<float>();
            elements += output.numel();
        }
        return spikes / elements;
    }

    private static Tensor Currents(int seed, params long[] shape)
    {
        using var generator = new Generator((ulong)seed);
        using var noise = randn(shape, generator: generator);
        return noise * 1.5 + 0.5;
    }

    [Fact]
    public void The_tensor_op_path_keeps_the_count_on_the_device_and_reads_it_once_when_the_rate_is_taken()
    {
        using var neuron = new LifNeuron(new LifOptions()) { UseFusedKernel = false };
        var outputs = new List<Tensor>();
        var before = HostReads.OnThisThread;
        for (var i = 0; i < 3; i++)
        {
            using var x = Currents(i, 4, 3, 5, 6);
            outputs.Add(neuron.forward(x));
        }

        Assert.Equal(before, HostReads.OnThisThread);
        // The running count is a scalar on the input's device holding the spikes of all three forwards.
        var count = Assert.IsType<Tensor>(neuron.DeviceSpikes);
        Assert.Equal(DeviceType.CPU, count.device_type);
        Assert.Equal(outputs.Sum(o => { using var s = o.sum(); return (double)s.item<float>(); }), count.item<double>());

        var rate = neuron.TakeFiringRate();

        Assert.Equal(before + 1, HostReads.OnThisThread);
        Assert.Equal(HostSideRate(outputs), rate);
        Assert.InRange(rate, 0.05, 0.95);
        Assert.Null(neuron.DeviceSpikes);
        Assert.True(double.IsNaN(neuron.TakeFiringRate()));
        foreach (var output in outputs) output.Dispose();
    }

    [Fact]
    public void The_firing_rates_of_all_layers_come_from_one_host_read_and_equal_the_host_side_counts()
    {
        // Three tensor-op layers of different sizes and thresholds, and one fused layer that counts on the host anyway.
        LifNeuron[] neurons =
        [
            new(new LifOptions()) { UseFusedKernel = false },
            new(new LifOptions(Threshold: 0.5)) { UseFusedKernel = false },
            new(new LifOptions(Tau: 4, Reset: ResetMode.Soft)) { UseFusedKernel = false },
            new(new LifOptions()) { UseFusedKernel = true },
        ];
        var outputs = neurons.Select(_ => new List<Tensor>()).ToArray();
        for (var batch = 0; batch < 2; batch++)
        {
            for (var i = 0; i < neurons.Length; i++)
            {
                using var x = Currents(10 * batch + i, 3, 2, 4 + i, 5);
                outputs[i].Add(neurons[i].forward(x));
            }
        }
        var before = HostReads.OnThisThread;

        var rates = FiringRates.Take(neurons);

        Assert.Equal(before + 1, HostReads.OnThisThread);
        for (var i = 0; i < neurons.Length; i++) Assert.Equal(HostSideRate(outputs[i]), rates[i]);
        Assert.Equal(4, rates.Distinct().Count());
        // Taken means reset: a second take has nothing to read and nothing to report.
        Assert.All(FiringRates.Take(neurons), r => Assert.True(double.IsNaN(r)));
        Assert.Equal(before + 1, HostReads.OnThisThread);
        foreach (var output in outputs.SelectMany(o => o)) output.Dispose();
        foreach (var neuron in neurons) neuron.Dispose();
    }

    [Fact]
    public void Resetting_a_count_forgets_the_spikes_without_reading_them()
    {
        using var neuron = new LifNeuron(new LifOptions()) { UseFusedKernel = false };
        using var x = Currents(3, 4, 8);
        using var first = neuron.forward(x);
        var before = HostReads.OnThisThread;

        neuron.ResetFiringRate();

        Assert.Equal(before, HostReads.OnThisThread);
        Assert.Null(neuron.DeviceSpikes);
        using var second = neuron.forward(x);
        Assert.Equal(HostSideRate([second]), neuron.TakeFiringRate());
    }

    [Fact]
    public void The_count_survives_the_dispose_scope_of_the_batch_that_made_it()
    {
        // The training loop runs every batch in a dispose scope of its own; the running count must outlive it.
        using var neuron = new LifNeuron(new LifOptions()) { UseFusedKernel = false };
        double expected;
        using (NewDisposeScope())
        {
            using var x = Currents(5, 4, 6);
            var output = neuron.forward(x);
            expected = HostSideRate([output]);
        }

        Assert.Equal(expected, neuron.TakeFiringRate());
    }
}
