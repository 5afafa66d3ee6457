using Snnsweep.Trainer.Models;
using TorchSharp;

namespace Snnsweep.Trainer.Tests.Models;

[Collection(GlobalTorchStateCollection.Name)]
public sealed class FusedAveragePoolTests
{
    [Theory]
    [InlineData(2, 34, 34)]
    [InlineData(2, 17, 17)]
    [InlineData(3, 10, 8)]
    [InlineData(4, 9, 13)]
    public void Fused_average_pooling_matches_libtorch_bit_for_bit_in_outputs_and_gradients(int size, int height, int width)
    {
        // Real-valued input (not only spikes) with negative upstream gradients: the sums' order and the sign of
        // zero both show.
        var generator = new torch.Generator(11);
        using var input = torch.randn([3L, 2, 5, height, width], generator: generator);
        using var upstream = torch.randn([3L, 2, 5, height / size, width / size], generator: generator);

        var fused = Run(input, upstream, size, fused: true);
        var reference = Run(input, upstream, size, fused: false);

        Assert.Equal(reference.Output, fused.Output);
        Assert.Equal(reference.Gradient, fused.Gradient);
    }

    [Fact]
    public void Fused_average_pooling_splits_planes_across_threads_with_the_same_result()
    {
        var previous = torch.get_num_threads();
        var generator = new torch.Generator(13);
        using var input = torch.randn([8L, 4, 16, 12, 12], generator: generator);
        using var upstream = torch.randn([8L, 4, 16, 6, 6], generator: generator);
        try
        {
            torch.set_num_threads(1);
            var single = Run(input, upstream, 2, fused: true);
            torch.set_num_threads(2);
            var parallel = Run(input, upstream, 2, fused: true);

            Assert.Equal(single.Output, parallel.Output);
            Assert.Equal(single.Gradient, parallel.Gradient);
        }
        finally
        {
            torch.set_num_threads(previous);
        }
    }

    private static (float[] Output, float[] Gradient) Run(torch.Tensor input, torch.Tensor upstream, int size, bool fused)
    {
        using var pool = new TimeDistributedPool(VggLayerKind.AveragePool, size) { UseFusedKernel = fused };
        using var x = input.detach().clone().requires_grad_(true);
        using var output = pool.forward(x);
        using var weighted = (output * upstream).sum();
        weighted.backward();
        return (output.data<float>().ToArray(), x.grad!.data<float>().ToArray());
    }
}
