using Snnsweep.Trainer.Neurons;
using TorchSharp;

namespace Snnsweep.Trainer.Tests.Neurons;

[Collection(GlobalTorchStateCollection.Name)]
public sealed class FusedLifKernelTests
{
    public static TheoryData<LifOptions> Variants => new()
    {
        new LifOptions(),
        new LifOptions(Reset: ResetMode.Soft),
        new LifOptions(Tau: 4, DecayInput: true),
        new LifOptions(DetachReset: true, Surrogate: SurrogateKind.Atan, Alpha: 2),
        new LifOptions(Tau: 1.5, Threshold: 0.5, Reset: ResetMode.Soft, DetachReset: true, Surrogate: SurrogateKind.Sigmoid, Alpha: 4),
        new LifOptions(Threshold: 0.5, Surrogate: SurrogateKind.Triangle, Alpha: 2),
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Fused_kernel_matches_the_reference_path_in_spikes_and_gradients(LifOptions options)
    {
        // 6 steps x 2 x 3 x 5 x 7 = 210 neurons per step: exercises both the vector body and the scalar tail.
        var generator = new torch.Generator(3);
        using var currents = torch.randn([6L, 2, 3, 5, 7], generator: generator) * 1.2f + 0.4f;
        using var upstream = torch.randn([6L, 2, 3, 5, 7], generator: generator);

        var (fusedSpikes, fusedGradient) = Run(options, currents, upstream, fused: true);
        var (referenceSpikes, referenceGradient) = Run(options, currents, upstream, fused: false);

        Assert.Equal(referenceSpikes, fusedSpikes);
        Assert.True(referenceSpikes.Sum() > 0 && referenceSpikes.Sum() < referenceSpikes.Length, "the data must make some neurons fire and others not");
        for (var i = 0; i < referenceGradient.Length; i++) Assert.Equal(referenceGradient[i], fusedGradient[i], 4);
    }

    [Fact]
    public void Fused_kernel_matches_the_reference_path_across_several_tiles_of_neurons()
    {
        // 4,203 neurons per step: four full tiles of 1,024 neurons and a partial one with a scalar tail.
        var generator = new torch.Generator(9);
        using var currents = torch.randn([5L, 3, 1401], generator: generator) * 1.2f + 0.4f;
        using var upstream = torch.randn([5L, 3, 1401], generator: generator);

        var fused = Run(new LifOptions(), currents, upstream, fused: true);
        var reference = Run(new LifOptions(), currents, upstream, fused: false);

        Assert.Equal(reference.Spikes, fused.Spikes);
        for (var i = 0; i < reference.Gradient.Length; i++) Assert.Equal(reference.Gradient[i], fused.Gradient[i], 1e-5);
    }

    [Fact]
    public void Fused_kernel_splits_large_layers_across_threads_with_the_same_result()
    {
        var previous = torch.get_num_threads();
        var generator = new torch.Generator(5);
        using var currents = torch.randn([4L, 3, 20_000], generator: generator) + 0.5f;
        using var upstream = torch.randn([4L, 3, 20_000], generator: generator);
        try
        {
            torch.set_num_threads(1);
            var single = Run(new LifOptions(), currents, upstream, fused: true);
            torch.set_num_threads(2);
            var parallel = Run(new LifOptions(), currents, upstream, fused: true);

            Assert.Equal(single.Spikes, parallel.Spikes);
            Assert.Equal(single.Gradient, parallel.Gradient);
        }
        finally
        {
            torch.set_num_threads(previous);
        }
    }

    public static TheoryData<LifOptions, MembraneTap> TapVariants => new()
    {
        { new LifOptions(DetachReset: true), MembraneTap.PostReset },
        { new LifOptions(), MembraneTap.PostReset },
        { new LifOptions(Reset: ResetMode.Soft, Tau: 4, DecayInput: true), MembraneTap.PostReset },
        { new LifOptions(), MembraneTap.PreSpike },
        { new LifOptions(Reset: ResetMode.Soft, DetachReset: true, Surrogate: SurrogateKind.Sigmoid, Alpha: 4), MembraneTap.PreSpike },
    };

    [Theory]
    [MemberData(nameof(TapVariants))]
    public void Fused_kernel_with_a_membrane_tap_matches_the_reference_path_in_membranes_and_gradients(LifOptions options, MembraneTap tap)
    {
        var generator = new torch.Generator(7);
        using var currents = torch.randn([6L, 2, 3, 5, 7], generator: generator) * 1.2f + 0.4f;
        using var spikeUpstream = torch.randn([6L, 2, 3, 5, 7], generator: generator);
        using var membraneUpstream = torch.randn([6L, 2, 3, 5, 7], generator: generator);

        var fused = RunTapped(options, tap, currents, spikeUpstream, membraneUpstream, fused: true);
        var reference = RunTapped(options, tap, currents, spikeUpstream, membraneUpstream, fused: false);

        Assert.Equal(reference.Spikes, fused.Spikes);
        Assert.Equal(reference.Membrane, fused.Membrane);
        Assert.Equal(reference.FiringRate, fused.FiringRate);
        // Autograd sums the same terms in another order: equal up to float rounding.
        for (var i = 0; i < reference.Gradient.Length; i++) Assert.Equal(reference.Gradient[i], fused.Gradient[i], 1e-5);
    }

    private static (float[] Spikes, float[] Membrane, float[] Gradient, double FiringRate) RunTapped(LifOptions options, MembraneTap tap, torch.Tensor currents,
        torch.Tensor spikeUpstream, torch.Tensor membraneUpstream, bool fused)
    {
        using var neuron = new LifNeuron(options) { UseFusedKernel = fused, Tap = tap };
        using var x = currents.detach().clone().requires_grad_(true);
        using var spikes = neuron.forward(x);
        var membrane = neuron.LastMembrane!;
        using var weighted = (spikes * spikeUpstream).sum() + (membrane * membraneUpstream).sum();
        weighted.backward();
        return (spikes.data<float>().ToArray(), membrane.data<float>().ToArray(), x.grad!.data<float>().ToArray(), neuron.TakeFiringRate());
    }

    private static (float[] Spikes, float[] Gradient) Run(LifOptions options, torch.Tensor currents, torch.Tensor upstream, bool fused)
    {
        using var neuron = new LifNeuron(options) { UseFusedKernel = fused };
        using var x = currents.detach().clone().requires_grad_(true);
        using var spikes = neuron.forward(x);
        using var weighted = (spikes * upstream).sum();
        weighted.backward();
        return (spikes.data<float>().ToArray(), x.grad!.data<float>().ToArray());
    }
}
