using Snnsweep.Trainer.Neurons;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Trainer.Tests.Training;

public sealed class TrainingConfigSchemaTests
{
    [Fact]
    public void Settings_are_applied_by_key_with_their_types()
    {
        var config = TrainingConfigSchema.Apply(new TrainingConfig(), ["lr=0.01", "neuron.reset=soft", "T=4", "neuron.detachReset=true", "loss=tet"]);

        Assert.Equal(0.01, config.LearningRate);
        Assert.Equal(ResetMode.Soft, config.Neuron.Reset);
        Assert.Equal(4, config.Timesteps);
        Assert.True(config.Neuron.DetachReset);
        Assert.Equal(LossKind.Tet, config.Loss);
    }

    [Fact]
    public void An_unknown_key_is_rejected_with_its_name()
    {
        var error = Assert.Throws<InvalidConfigException>(() => TrainingConfigSchema.Apply(new TrainingConfig(), ["learningRate=0.1"]));

        Assert.Equal("learningRate", error.Key);
        Assert.Contains("learningRate", error.Message);
    }

    [Theory]
    [InlineData("lr=-1", "lr", "-1")]
    [InlineData("T=0", "T", "0")]
    [InlineData("neuron.surrogate=relu", "neuron.surrogate", "relu")]
    [InlineData("batchSize=many", "batchSize", "many")]
    [InlineData("model.layers=16X3", "model.layers", "16X3")]
    public void A_bad_value_is_rejected_naming_key_and_value(string assignment, string key, string value)
    {
        var error = Assert.Throws<InvalidConfigException>(() => TrainingConfigSchema.Apply(new TrainingConfig(), [assignment]));

        Assert.Equal(key, error.Key);
        Assert.Contains(key, error.Message);
        Assert.Contains(value, error.Message);
    }

    [Fact]
    public void Choosing_a_surrogate_resets_its_sharpness_to_the_surrogates_default()
    {
        var config = TrainingConfigSchema.Apply(new TrainingConfig(), ["neuron.surrogate=sigmoid"]);

        Assert.Equal(SurrogateKind.Sigmoid, config.Neuron.Surrogate);
        Assert.Equal(4.0, config.Neuron.Alpha);
    }

    [Fact]
    public void Describe_round_trips_through_apply()
    {
        var changed = TrainingConfigSchema.Apply(new TrainingConfig(), ["lr=0.004", "neuron.tau=3", "schedule=step"]);
        var assignments = TrainingConfigSchema.Describe(changed).Select(kv => $"{kv.Key}={Convert.ToString(kv.Value, System.Globalization.CultureInfo.InvariantCulture)}");

        var rebuilt = TrainingConfigSchema.Apply(new TrainingConfig(), assignments);

        Assert.Equal(changed, rebuilt);
    }

    [Fact]
    public void Cosine_schedule_starts_at_lr_and_decays_towards_the_minimum()
    {
        var config = new TrainingConfig { LearningRate = 0.1, MinLearningRate = 0.0, Epochs = 4 };

        Assert.Equal(0.1, LearningRateSchedule.At(config, 1), 12);
        Assert.Equal(0.05, LearningRateSchedule.At(config, 3), 12);
        Assert.True(LearningRateSchedule.At(config, 4) < LearningRateSchedule.At(config, 3));
    }

    [Fact]
    public void Step_schedule_multiplies_by_gamma_every_step()
    {
        var config = new TrainingConfig { LearningRate = 1.0, Schedule = ScheduleKind.Step, StepEpochs = 2, Gamma = 0.5 };

        Assert.Equal([1.0, 1.0, 0.5, 0.5, 0.25], Enumerable.Range(1, 5).Select(e => LearningRateSchedule.At(config, e)));
    }
}
