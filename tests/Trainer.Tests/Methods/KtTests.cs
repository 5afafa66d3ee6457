using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Methods.Kt;
using Snnsweep.Trainer.Tests.Training;
using Snnsweep.Trainer.Training;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Tests.Methods;

public sealed class KtTests
{
    private static TrainingConfig Config(params string[] settings) => TrainingConfigSchema.Apply(
        TrainingMethods.DefaultConfig("kt", "tiny") with { Timesteps = TinyData.Timesteps, Layers = "4C3-AP2-8C3-AP2", BatchSize = 16, Epochs = 4 },
        settings);

    private static IMethodRun Start(TrainingConfig config) => new KtMethod().Start(config, TinyData.CreatePaired(), CPU);

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(50, 0.125)]
    [InlineData(75, 0.421875)]
    [InlineData(100, 1.0)]
    [InlineData(130, 1.0)]
    public void Sliding_probability_grows_as_the_cube_of_progress_and_stays_at_one(long iteration, double expected)
    {
        Assert.Equal(expected, SlidingSchedule.Probability(iteration, 100, 3.0), 12);
    }

    [Fact]
    public void A_shorter_horizon_reaches_full_replacement_earlier()
    {
        var run = (KtRun)Start(Config("kt.horizon=0.5", "kt.p=1"));
        using var _ = run;
        var batches = run.BatchesPerEpoch;

        Assert.Equal(0.5, run.SlidingProbability(new BatchPosition(1, batches, batches, 4)), 12);
        Assert.Equal(1.0, run.SlidingProbability(new BatchPosition(3, 0, batches, 4)), 12);
    }

    [Fact]
    public void The_share_of_replaced_static_inputs_follows_the_sliding_probability()
    {
        var random = new Random(5);
        foreach (var probability in new[] { 0.0, 0.125, 0.42, 1.0 })
        {
            var replaced = SlidingSchedule.Draw(40_000, probability, random).Count(r => r);
            Assert.Equal(probability, replaced / 40_000.0, 2);
        }
    }

    [Fact]
    public void Static_partners_are_the_value_channel_of_an_image_of_the_same_class_repeated_over_polarities_and_steps()
    {
        var data = TinyData.CreatePaired();
        using var run = new KtMethod().Start(Config(), data, CPU);
        using var scope = NewDisposeScope();

        // At the first iteration P(k) = 0: no static input is replaced yet.
        var batch = run.LoadBatch(new BatchPosition(1, 0, run.BatchesPerEpoch, 4));

        var statics = batch.Static!;
        Assert.Equal(batch.Events.shape, statics.shape);
        var labels = batch.Labels.data<long>().ToArray();
        for (var b = 0; b < labels.Length; b++)
        {
            using var image = statics[0, b, 0];
            Assert.True(statics[1, b, 1].eq(image).all().item<bool>(), "the same frame on every step and polarity");
            // Padded by one pixel into the 8x8 frame; class 0 is bright on the left, class 1 on the right.
            Assert.Equal(0f, image[0].sum().item<float>());
            var left = image.narrow(0, 1, 6).narrow(1, 1, 3).mean().item<float>();
            var right = image.narrow(0, 1, 6).narrow(1, 4, 3).mean().item<float>();
            Assert.True(labels[b] == 0 ? left > right : right > left, $"sample {b} of class {labels[b]} got a partner of the other class");
            Assert.InRange(image.max().item<float>(), 0.5f, 1f);
        }
    }

    [Fact]
    public void At_the_end_of_the_schedule_the_static_branch_sees_the_event_samples()
    {
        using var run = Start(Config());
        using var scope = NewDisposeScope();

        var early = run.LoadBatch(new BatchPosition(1, 0, run.BatchesPerEpoch, 4));
        var late = run.LoadBatch(new BatchPosition(5, 0, run.BatchesPerEpoch, 4));

        Assert.True(late.Static!.eq(late.Events).all().item<bool>());
        Assert.False(early.Static!.eq(early.Events).all().item<bool>());
    }

    [Fact]
    public void Gradients_reach_every_learnable_kt_coefficient()
    {
        var run = (KtRun)Start(Config());
        using var _ = run;
        using var scope = NewDisposeScope();
        run.Module.train();
        var position = new BatchPosition(2, 1, run.BatchesPerEpoch, 4);

        var loss = run.Loss(run.LoadBatch(position), position);
        loss.backward();

        var gradient = run.Model.CoefficientLogits.grad!.data<float>().ToArray();
        Assert.Equal(TinyData.Timesteps, gradient.Length);
        Assert.All(gradient, g => Assert.NotEqual(0f, g));
        Assert.Equal(1 / (1 + Math.Exp(-1.0)), run.Coefficients[0], 5);
    }

    [Fact]
    public void With_the_rbf_kernel_the_alignment_changes_and_gradients_still_reach_every_coefficient()
    {
        var linear = (KtRun)Start(Config());
        var rbf = (KtRun)Start(Config("kt.ckaKernel=rbf"));
        using var _ = linear;
        using var __ = rbf;
        using var scope = NewDisposeScope();
        linear.Module.train();
        rbf.Module.train();
        var position = new BatchPosition(2, 1, rbf.BatchesPerEpoch, 4);

        var linearLoss = linear.Loss(linear.LoadBatch(position), position);
        var rbfLoss = rbf.Loss(rbf.LoadBatch(position), position);
        rbfLoss.backward();

        Assert.NotEqual(linearLoss.item<float>(), rbfLoss.item<float>());
        Assert.InRange(rbf.TakeEpochMetrics()["cka"], -1.0, 1.0);
        var gradient = rbf.Model.CoefficientLogits.grad!.data<float>().ToArray();
        Assert.All(gradient, g => Assert.True(g != 0 && float.IsFinite(g)));
    }

    [Fact]
    public void Fixed_coefficients_are_not_learned_and_off_means_full_alignment_weight()
    {
        using var fixedRun = Start(Config("kt.coefficients=fixed", "kt.alpha=0.3"));
        using var offRun = Start(Config("kt.coefficients=off"));

        Assert.All(fixedRun.Coefficients, w => Assert.Equal(0.3, w, 6));
        Assert.All(offRun.Coefficients, w => Assert.Equal(1.0, w, 6));
    }

    [Fact]
    public void The_inference_path_has_the_event_head_but_not_the_static_head_or_coefficients()
    {
        var run = (KtRun)Start(Config());
        using var _ = run;
        var all = run.Module.parameters().Sum(p => p.numel());
        // 8 channels x 2 x 2 features into 2 classes per head, plus one coefficient per step.
        Assert.Equal(all - (8 * 2 * 2 * 2 + 2) - TinyData.Timesteps, run.Model.InferenceParameterCount);
        using var logits = run.Predict(rand([TinyData.Timesteps, 3, 2, 8, 8], generator: new Generator(8)));
        Assert.Equal([(long)TinyData.Timesteps, 3L, 2L], logits.shape);
    }

    [Fact]
    public void With_shared_heads_the_static_branch_reads_the_trunk_through_the_event_head()
    {
        var shared = (KtRun)Start(Config("kt.heads=shared"));
        var separate = (KtRun)Start(Config());
        using var _ = shared;
        using var __ = separate;
        using var scope = NewDisposeScope();
        shared.Module.eval();
        separate.Module.eval();
        using var input = rand([TinyData.Timesteps, 3, 2, 8, 8], generator: new Generator(11));

        var sharedOutput = shared.Model.ForwardPair(input, input, KtAlignLayer.Membrane, PairedForward.Joint);
        var separateOutput = separate.Model.ForwardPair(input, input, KtAlignLayer.Membrane, PairedForward.Joint);

        // One input on both branches: one head gives one answer, two heads two answers.
        Assert.True(sharedOutput.StaticLogits.eq(sharedOutput.EventLogits).all().item<bool>());
        Assert.False(separateOutput.StaticLogits.allclose(separateOutput.EventLogits));
        // No static head at all: every parameter but the coefficients is on the inference path.
        var all = shared.Module.parameters().Sum(p => p.numel());
        Assert.Equal(all - TinyData.Timesteps, shared.Model.InferenceParameterCount);
        Assert.Equal(separate.Model.InferenceParameterCount, shared.Model.InferenceParameterCount);
    }

    [Fact]
    public void With_shared_heads_the_static_loss_trains_the_head_used_at_inference()
    {
        var run = (KtRun)Start(Config("kt.heads=shared", "kt.alignWeight=0"));
        using var _ = run;
        using var scope = NewDisposeScope();
        run.Module.train();
        using var input = rand([TinyData.Timesteps, 3, 2, 8, 8], generator: new Generator(12));
        using var labels = tensor(new long[] { 0, 1, 0 });

        // Only the static branch's logits enter the loss; the event head's weight must still get a gradient.
        var output = run.Model.ForwardPair(input, input, KtAlignLayer.Membrane, PairedForward.Separate);
        using var loss = nn.functional.cross_entropy(output.StaticLogits.mean([0L]), labels);
        loss.backward();

        var headWeights = run.Module.named_parameters().Where(p => p.name.StartsWith("eventHead")).ToList();
        Assert.NotEmpty(headWeights);
        Assert.All(headWeights, p => Assert.True(p.parameter.grad is { } g && g.abs().sum().item<float>() > 0, $"{p.name} got no gradient"));
    }
}
