using Snnsweep.Trainer.Methods.Ssnn;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Neurons;
using Snnsweep.Trainer.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Tests.Methods;

public sealed class SsnnTests
{
    [Fact]
    public void The_temporal_transformer_outputs_the_next_stages_steps_and_preserves_the_total_over_time()
    {
        using var transformer = new TemporalTransformer(fromSteps: 6, toSteps: 3);
        using (no_grad()) transformer.Weight.copy_(randn([3, 6], generator: new Generator(1)) * 3);
        using var spikes = (rand([6, 4, 5, 3, 3], generator: new Generator(2)) > 0.7).to_type(ScalarType.Float32);

        using var currents = transformer.forward(spikes);

        Assert.Equal([3L, 4L, 5L, 3L, 3L], currents.shape);
        using var totalIn = spikes.sum([0L]);
        using var totalOut = currents.sum([0L]);
        Assert.True(totalIn.allclose(totalOut, rtol: 1e-5, atol: 1e-5));
        // Learned timing: with a non-zero W the steps do not all get the same share.
        using var first = currents[0];
        using var second = currents[1];
        Assert.False(first.allclose(second));
    }

    [Fact]
    public void A_fresh_temporal_transformer_spreads_the_charge_evenly()
    {
        using var transformer = new TemporalTransformer(4, 2);
        using var spikes = (rand([4, 3, 6], generator: new Generator(3)) > 0.5).to_type(ScalarType.Float32);

        using var currents = transformer.forward(spikes);

        using var half = spikes.sum([0L]) / 2;
        Assert.True(currents[0].allclose(half) && currents[1].allclose(half));
    }

    [Fact]
    public void Gradients_reach_the_temporal_transformer_matrix()
    {
        using var transformer = new TemporalTransformer(4, 2);
        using var spikes = (rand([4, 3, 6], generator: new Generator(4)) > 0.5).to_type(ScalarType.Float32);
        using var target = rand([2, 3, 6], generator: new Generator(5));

        using var currents = transformer.forward(spikes);
        using var loss = (currents - target).square().sum();
        loss.backward();

        Assert.True(transformer.Weight.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void Stages_are_cut_at_pooling_boundaries_with_later_stages_taking_the_extra_groups()
    {
        var layers = VggLayerString.Parse("4C3-AP2-8C3-AP2-8C3-8C3-AP2-16C3-AP2");

        var stages = SsnnStages.Split(layers, 3);

        Assert.Equal(["4C3-AP2", "8C3-AP2", "8C3-8C3-AP2-16C3-AP2"], stages.Select(Describe));
    }

    [Fact]
    public void Average_timestep_is_the_layer_weighted_mean_of_the_stage_timesteps()
    {
        // n_i = (1, 2, 1) conv layers with T_i = (6, 3, 2): T_avg = (6 + 2*3 + 2) / 4 = 3.5.
        var stages = SsnnStages.Split(VggLayerString.Parse("4C3-AP2-4C3-4C3-AP2-8C3-AP2"), 3);
        using var network = NetworkFactory.Seeded(1, () => new SsnnNetwork(stages, [6, 3, 2], 2, 16, 16, 10, new LifOptions()));

        var cost = network.Cost;

        Assert.Equal([1, 2, 1], network.ConvLayersPerStage);
        Assert.Equal(3.5, cost.AverageTimestep, 12);
        Assert.Equal(6 + 2 * 3 + 2 + 2, cost.LayerSteps);
        Assert.Equal([6, 3, 2], cost.StageTimesteps);
        using var logits = network.forward(rand([6, 2, 2, 16, 16], generator: new Generator(6)));
        Assert.Equal([2L, 2L, 10L], logits.shape);
    }

    [Fact]
    public void Early_classifiers_add_parameters_for_training_but_are_not_part_of_the_inference_network()
    {
        var stages = SsnnStages.Split(VggLayerString.Parse("4C3-AP2-8C3-AP2-8C3-AP2"), 3);
        using var model = NetworkFactory.Seeded(1, () => new SsnnModel(new SsnnNetwork(stages, [4, 2, 1], 2, 16, 16, 10, new LifOptions()), 10, new LifOptions()));

        // Inference network: convs (no bias) + BN, the two W matrices, the readout.
        long expected = (2 * 4 * 9 + 2 * 4) + (4 * 8 * 9 + 2 * 8) + (8 * 8 * 9 + 2 * 8) + (2 * 4) + (1 * 2) + (8 * 2 * 2 * 10 + 10);
        Assert.Equal(expected, Count(model.Network));
        // Each early classifier: conv C->C + BN + linear C->10, after stages 1 (C = 4) and 2 (C = 8).
        long early = (4 * 4 * 9 + 2 * 4 + 4 * 10 + 10) + (8 * 8 * 9 + 2 * 8 + 8 * 10 + 10);
        Assert.Equal(expected + early, Count(model));
        Assert.Equal(2, model.EarlyClassifiers.Count);
    }

    [Fact]
    public void Inference_never_runs_the_early_classifiers_while_training_does()
    {
        var stages = SsnnStages.Split(VggLayerString.Parse("4C3-AP2-8C3-AP2"), 2);
        using var model = NetworkFactory.Seeded(1, () => new SsnnModel(new SsnnNetwork(stages, [4, 2], 2, 8, 8, 3, new LifOptions()), 3, new LifOptions()));
        using var input = rand([4, 5, 2, 8, 8], generator: new Generator(7)) * 3;
        var classifierNeuron = model.EarlyClassifiers.Single().Neuron;

        model.eval();
        using (no_grad())
        using (var logits = model.forward(input))
        {
            Assert.Equal([2L, 5L, 3L], logits.shape);
        }
        Assert.True(double.IsNaN(classifierNeuron.TakeFiringRate()), "the early classifier ran at inference");

        model.train();
        var (final, early) = model.ForwardTraining(input);
        Assert.Equal([4L, 5L, 3L], early.Single().shape);
        Assert.False(double.IsNaN(classifierNeuron.TakeFiringRate()));
        final.Dispose();
        early.Single().Dispose();
    }

    [Theory]
    [InlineData(new[] { "T=4", "ssnn.T2=5" }, "ssnn.T2", "5")]
    [InlineData(new[] { "T=8", "ssnn.T2=3", "ssnn.T3=4" }, "ssnn.T3", "4")]
    [InlineData(new[] { "model.layers=16C3-AP2-32C3", "ssnn.stages=3" }, "ssnn.stages", "3")]
    public void Growing_stage_timesteps_or_too_few_pooling_groups_are_rejected_naming_the_key(string[] settings, string key, string value)
    {
        var config = TrainingConfigSchema.Apply(new TrainingConfig { Method = "ssnn" }, settings);

        var error = Assert.Throws<InvalidConfigException>(() => new SsnnMethod().Validate(config));

        Assert.Equal(key, error.Key);
        Assert.Contains(value, error.Message);
    }

    [Theory]
    [InlineData(new[] { "ssnn.strict=true", "T=8", "ssnn.T2=8" }, "ssnn.T2", "equals T=8")]
    [InlineData(new[] { "ssnn.strict=true", "T=8", "ssnn.T2=4", "ssnn.T3=4" }, "ssnn.T3", "equals ssnn.T2=4")]
    [InlineData(new[] { "ssnn.strict=true", "T=8", "ssnn.T2=9" }, "ssnn.T2", "exceeds T=8")]
    [InlineData(new[] { "ssnn.maxAvgTimestep=4.5", "T=8", "ssnn.T2=4", "ssnn.T3=2" }, "ssnn.maxAvgTimestep", "4.667")]
    [InlineData(new[] { "ssnn.maxAvgTimestep=5", "ssnn.stages=2", "T=8", "ssnn.T2=4" }, "ssnn.maxAvgTimestep", "5.333")]
    public void Strict_stages_refuse_equal_steps_and_a_budget_refuses_a_larger_average_timestep(string[] settings, string key, string message)
    {
        var config = TrainingConfigSchema.Apply(new TrainingConfig { Method = "ssnn" }, settings);

        var error = Assert.Throws<InvalidConfigException>(() => new SsnnMethod().Validate(config));

        Assert.Equal(key, error.Key);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("ssnn.strict=true", "T=8", "ssnn.T2=4", "ssnn.T3=2")]
    [InlineData("ssnn.strict=true", "ssnn.stages=2", "T=8", "ssnn.T2=7", "ssnn.T3=9")]
    [InlineData("ssnn.maxAvgTimestep=4.7", "T=8", "ssnn.T2=4", "ssnn.T3=2")]
    [InlineData("ssnn.maxAvgTimestep=0", "T=8", "ssnn.T2=8", "ssnn.T3=8")]
    public void Shrinking_stages_within_the_budget_pass(params string[] settings)
    {
        new SsnnMethod().Validate(TrainingConfigSchema.Apply(new TrainingConfig { Method = "ssnn" }, settings));
    }

    [Theory]
    [InlineData("tiny-vgg3", new[] { 8, 4, 2 })]
    [InlineData("4C3-AP2-4C3-4C3-AP2-8C3-AP2", new[] { 6, 3, 2 })]
    [InlineData("vggsnn", new[] { 10, 5, 2 })]
    [InlineData("vggsnn", new[] { 10, 5 })]
    public void The_average_timestep_checked_at_validation_is_the_one_a_run_reports(string layerString, int[] steps)
    {
        var layers = VggLayerString.Parse(layerString);
        var stages = SsnnStages.Split(layers, steps.Length);
        using var network = NetworkFactory.Seeded(1, () => new SsnnNetwork(stages, steps, 2, 48, 48, 10, new LifOptions()));

        Assert.Equal(network.Cost.AverageTimestep, SsnnStages.AverageTimestep(layers, steps), 12);
    }

    private static string Describe(IReadOnlyList<VggLayer> layers) =>
        string.Join("-", layers.Select(l => l.Kind == VggLayerKind.Conv ? $"{l.Channels}C{l.Size}" : $"AP{l.Size}"));

    private static long Count(nn.Module module) => module.parameters().Sum(p => p.numel());
}
