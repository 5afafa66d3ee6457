using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using TorchSharp;

namespace Snnsweep.Trainer.Tests.Models;

/// <remarks>
/// Modules are built through <see cref="NetworkFactory.Seeded{T}"/> and inputs drawn from their own generators:
/// layer constructors draw from libtorch's global generator, and a draw here while a parallel test builds its
/// network would change that network's weights and break its exact-resume comparison.
/// </remarks>
public sealed class NetworkTests
{
    [Fact]
    public void Vggsnn_preset_has_the_published_shape_at_48_pixels()
    {
        using var network = NetworkFactory.Seeded(1, () => new VggSnn("vggsnn", 2, 48, 48, 101, new LifOptions()));

        // docs/methods.md §1.6: 512 x 3 x 3 = 4608 features into each head.
        Assert.Equal(4608, network.FeatureSize);
        Assert.Equal(8, network.Neurons.Count);
    }

    [Fact]
    public void Vgg_network_maps_time_major_input_to_per_step_logits()
    {
        using var network = NetworkFactory.Seeded(1, () => new VggSnn("8C3-AP2-16C3s2", 2, 34, 34, 10, new LifOptions()));
        using var input = torch.rand([3L, 4, 2, 34, 34], generator: new torch.Generator(1));

        using var logits = network.forward(input);

        Assert.Equal([3L, 4L, 10L], logits.shape);
    }

    [Fact]
    public void Resnet_maps_time_major_input_to_per_step_logits()
    {
        using var network = NetworkFactory.Seeded(1, () => new SpikingResNet([8, 16], 1, 2, 10, new LifOptions()));
        using var input = torch.rand([2L, 3, 2, 16, 16], generator: new torch.Generator(1));

        using var logits = network.forward(input);

        Assert.Equal([2L, 3L, 10L], logits.shape);
        Assert.Equal(2 + 2 + 3, network.WeightLayers);
    }

    [Theory]
    [InlineData("16C3-XX2", "XX2")]
    [InlineData("16C4", "16C4")]
    [InlineData("AP2", "no conv")]
    public void A_bad_layer_string_is_rejected_naming_the_token(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => VggLayerString.Parse(text));

        Assert.Contains(expected, error.Message);
    }
}
