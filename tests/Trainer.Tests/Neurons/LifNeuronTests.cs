using Snnsweep.Trainer.Neurons;
using TorchSharp;

namespace Snnsweep.Trainer.Tests.Neurons;

public sealed class LifNeuronTests
{
    private static float[] Run(LifOptions options, float[] currents, MembraneTap tap, out float[] membrane)
    {
        using var neuron = new LifNeuron(options) { Tap = tap };
        using var input = torch.tensor(currents, [currents.Length, 1]);
        using var spikes = neuron.forward(input);
        membrane = neuron.LastMembrane!.data<float>().ToArray();
        return spikes.data<float>().ToArray();
    }

    [Fact]
    public void Hard_reset_recurrence_matches_a_hand_computed_sequence()
    {
        // tau 2, threshold 1, no input decay: h = 0.5 v + x, spike if h >= 1, then v = 0.
        // x: 0.6 -> h 0.6; 0.8 -> 0.3 + 0.8 = 1.1 spike, v 0; 0.4 -> 0.4; 0.9 -> 0.2 + 0.9 = 1.1 spike; 1.0 -> 1.0 spike (exactly at threshold)
        var spikes = Run(new LifOptions(), [0.6f, 0.8f, 0.4f, 0.9f, 1.0f], MembraneTap.PreSpike, out var preSpike);

        Assert.Equal([0f, 1f, 0f, 1f, 1f], spikes);
        Assert.Equal([0.6f, 1.1f, 0.4f, 1.1f, 1.0f], preSpike.Select(v => MathF.Round(v, 5)));
    }

    [Fact]
    public void Soft_reset_subtracts_the_threshold_and_keeps_the_excess()
    {
        // h = 0.5 v + x; soft reset v = h - 1 after a spike.
        // x 1.5 -> h 1.5 spike, v 0.5; x 0.2 -> 0.25 + 0.2 = 0.45, v 0.45; x 0.9 -> 0.225 + 0.9 = 1.125 spike, v 0.125
        var spikes = Run(new LifOptions(Reset: ResetMode.Soft), [1.5f, 0.2f, 0.9f], MembraneTap.PostReset, out var postReset);

        Assert.Equal([1f, 0f, 1f], spikes);
        Assert.Equal([0.5f, 0.45f, 0.125f], postReset.Select(v => MathF.Round(v, 5)));
    }

    [Fact]
    public void Decay_input_scales_the_input_by_the_leak_as_spikingjelly_does()
    {
        // tau 4, decay input: h = v + (x - v) / 4. x 2 -> 0.5; x 2 -> 0.5 + 0.375 = 0.875; x 2 -> 0.875 + 0.28125 = 1.15625 spike, v 0
        var spikes = Run(new LifOptions(Tau: 4, DecayInput: true), [2f, 2f, 2f], MembraneTap.PreSpike, out var preSpike);

        Assert.Equal([0f, 0f, 1f], spikes);
        Assert.Equal([0.5f, 0.875f, 1.15625f], preSpike.Select(v => MathF.Round(v, 5)));
    }

    [Fact]
    public void State_does_not_leak_from_one_forward_call_to_the_next()
    {
        using var neuron = new LifNeuron(new LifOptions());
        using var charge = torch.tensor(new[] { 0.9f }, [1, 1]);
        using var first = neuron.forward(charge);
        using var second = neuron.forward(charge);

        // A membrane carried over would make the second 0.9 cross 1 (0.45 + 0.9).
        Assert.Equal(0f, first.item<float>());
        Assert.Equal(0f, second.item<float>());
    }

    [Fact]
    public void Detached_reset_changes_gradients_but_not_spikes()
    {
        float[] Gradient(bool detach, out float[] spikes)
        {
            using var neuron = new LifNeuron(new LifOptions(DetachReset: detach));
            using var x = torch.tensor(new[] { 1.2f, 0.7f, 0.5f }, [3, 1], requires_grad: true);
            using var s = neuron.forward(x);
            spikes = s.data<float>().ToArray();
            using var total = s.sum();
            total.backward();
            return x.grad!.data<float>().ToArray();
        }

        var attached = Gradient(false, out var spikesAttached);
        var detached = Gradient(true, out var spikesDetached);

        Assert.Equal(spikesAttached, spikesDetached);
        Assert.NotEqual(attached[0], detached[0]);
    }

    [Fact]
    public void Firing_rate_counts_spikes_per_neuron_per_step()
    {
        using var neuron = new LifNeuron(new LifOptions());
        using var x = torch.tensor(new[] { 2f, 0f, 2f, 0f, 0f, 0f, 2f, 2f }, [4, 2]);
        using var _ = neuron.forward(x);

        Assert.Equal(4.0 / 8.0, neuron.TakeFiringRate(), 6);
        Assert.True(double.IsNaN(neuron.TakeFiringRate()));
    }
}
