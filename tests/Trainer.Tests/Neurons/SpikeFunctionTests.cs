using Snnsweep.Trainer.Autograd;
using Snnsweep.Trainer.Neurons;
using TorchSharp;

namespace Snnsweep.Trainer.Tests.Neurons;

public sealed class SpikeFunctionTests
{
    private static readonly float[] Points = [-2.0f, -0.7f, -0.3f, -0.05f, 0.0f, 0.05f, 0.3f, 0.7f, 2.0f];

    [Fact]
    public void Forward_is_exactly_the_heaviside_step_with_zero_firing()
    {
        using var x = torch.tensor(new[] { -1e-6f, 0.0f, 1e-6f, -3f, 3f });
        using var s = SpikeFunction.Apply(x, SurrogateKind.Atan, 2.0);

        Assert.Equal([0f, 1f, 1f, 0f, 1f], s.data<float>().ToArray());
    }

    [Theory]
    [InlineData(SurrogateKind.Sigmoid, 4.0)]
    [InlineData(SurrogateKind.Sigmoid, 1.5)]
    [InlineData(SurrogateKind.Atan, 2.0)]
    [InlineData(SurrogateKind.Atan, 0.5)]
    [InlineData(SurrogateKind.Triangle, 1.0)]
    [InlineData(SurrogateKind.Triangle, 2.0)]
    public void Backward_gives_the_analytic_surrogate_derivative(SurrogateKind kind, double alpha)
    {
        using var x = torch.tensor(Points, requires_grad: true);
        using var s = SpikeFunction.Apply(x, kind, alpha);
        using var upstream = torch.tensor(Enumerable.Repeat(3.0f, Points.Length).ToArray());
        using var weighted = (s * upstream).sum();
        weighted.backward();
        var gradient = x.grad!.data<float>().ToArray();

        for (var i = 0; i < Points.Length; i++)
            Assert.Equal(3.0 * Analytic(kind, alpha, Points[i]), gradient[i], 5);
    }

    private static double Analytic(SurrogateKind kind, double alpha, double x)
    {
        switch (kind)
        {
            case SurrogateKind.Sigmoid:
                var sigma = 1 / (1 + Math.Exp(-alpha * x));
                return alpha * sigma * (1 - sigma);
            case SurrogateKind.Atan:
                return alpha / 2 / (1 + Math.Pow(Math.PI / 2 * alpha * x, 2));
            default:
                return alpha * Math.Max(0, 1 - alpha * Math.Abs(x));
        }
    }
}
