using Snnsweep.Trainer.Losses;
using TorchSharp;

namespace Snnsweep.Trainer.Tests.Losses;

public sealed class LossTests
{
    // T = 2 steps, B = 1 sample, K = 2 classes, label 0.
    private static readonly float[] Logits = [2.0f, 0.0f, 0.0f, 1.0f];

    private static double CrossEntropy(double z0, double z1, int label)
    {
        var logSum = Math.Log(Math.Exp(z0) + Math.Exp(z1));
        return logSum - (label == 0 ? z0 : z1);
    }

    [Fact]
    public void Tet_matches_a_hand_computation()
    {
        const double lambda = 0.1, target = 1.0;
        using var logits = torch.tensor(Logits, [2, 1, 2]);
        using var labels = torch.tensor(new long[] { 0 });

        using var loss = new TetLoss(lambda, target).Compute(logits, labels);

        var ce = (CrossEntropy(2, 0, 0) + CrossEntropy(0, 1, 0)) / 2;
        var mse = (((2 - 1) * (2 - 1) + (0 - 1) * (0 - 1)) / 2.0 + ((0 - 1) * (0 - 1) + (1 - 1) * (1 - 1)) / 2.0) / 2;
        Assert.Equal((1 - lambda) * ce + lambda * mse, loss.item<float>(), 5);
    }

    [Fact]
    public void Tet_step_weights_scale_each_steps_terms()
    {
        const double lambda = 0.1, target = 1.0;
        using var logits = torch.tensor(Logits, [2, 1, 2]);
        using var labels = torch.tensor(new long[] { 0 });
        using var weights = torch.tensor(new[] { 0.25f, 0.5f });

        using var loss = new TetLoss(lambda, target).Compute(logits, labels, weights);

        var step0 = (1 - lambda) * CrossEntropy(2, 0, 0) + lambda * 1.0;
        var step1 = (1 - lambda) * CrossEntropy(0, 1, 0) + lambda * 0.5;
        Assert.Equal((0.25 * step0 + 0.5 * step1) / 2, loss.item<float>(), 5);
    }

    [Fact]
    public void Mean_logit_cross_entropy_averages_logits_over_time_before_the_softmax()
    {
        using var logits = torch.tensor(Logits, [2, 1, 2]);
        using var labels = torch.tensor(new long[] { 1 });

        using var loss = new MeanLogitCrossEntropy().Compute(logits, labels);

        Assert.Equal(CrossEntropy(1.0, 0.5, 1), loss.item<float>(), 5);
    }
}
