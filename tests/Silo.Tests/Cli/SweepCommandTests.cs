using Snnsweep.Contracts;
using Snnsweep.Silo.Cli;

namespace Snnsweep.Silo.Tests.Cli;

public sealed class SweepCommandTests
{
    [Fact]
    public void The_grace_period_flag_reaches_the_spec_and_defaults_to_one_epoch()
    {
        var parsed = SweepCommand.Create().Parse(["--epochs", "9", "--grace-period", "3"]);
        var defaulted = SweepCommand.Create().Parse(["--epochs", "9"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal(3, parsed.GetValue<int>("--grace-period"));
        Assert.Equal(1, defaulted.GetValue<int>("--grace-period"));
        var spec = SweepVerb.BuildSpec(Arguments(epochs: 9, grace: 3));
        Assert.Equal(3, spec.GracePeriod);
    }

    [Theory]
    [InlineData("ssnn", new[] { "valAccuracy", "avgTimestep" })]
    [InlineData("baseline", new[] { "valAccuracy" })]
    [InlineData("kt", new[] { "valAccuracy" })]
    public void Without_an_objective_ssnn_sweeps_trade_accuracy_against_time_steps_and_the_others_maximise_accuracy(string method, string[] metrics)
    {
        var spec = SweepVerb.BuildSpec(Arguments(epochs: 4, grace: 1) with { Method = method, Objective = null });

        Assert.Equal(metrics, spec.Objectives.Select(o => o.Metric));
        Assert.Equal(["valAccuracy"], SweepVerb.BuildSpec(Arguments(epochs: 4, grace: 1) with { Method = method, Objective = "accuracy" }).Objectives.Select(o => o.Metric));
    }

    [Fact]
    public void A_grace_period_longer_than_the_trials_is_refused_naming_the_field()
    {
        var error = Assert.Throws<SweepSpecException>(() => SweepVerb.BuildSpec(Arguments(epochs: 4, grace: 5)));

        Assert.Equal("gracePeriod", error.Field);
        Assert.StartsWith("gracePeriod: 5 is outside 1..4", error.Message);
    }

    [Fact]
    public void The_preset_flag_reaches_the_spec_defaults_to_fast_and_refuses_an_unknown_name()
    {
        var parsed = SweepCommand.Create().Parse(["--preset", "paper"]);
        var defaulted = SweepCommand.Create().Parse([]);

        Assert.Empty(parsed.Errors);
        Assert.Equal("paper", parsed.GetValue<string>("--preset"));
        Assert.Equal("fast", defaulted.GetValue<string>("--preset"));
        Assert.Equal("paper", SweepVerb.BuildSpec(Arguments(epochs: 4, grace: 1) with { Preset = "Paper" }).Preset);
        Assert.Equal("fast", SweepVerb.BuildSpec(Arguments(epochs: 4, grace: 1)).Preset);
        var error = Assert.Throws<Trainer.Training.InvalidConfigException>(() => SweepVerb.BuildSpec(Arguments(epochs: 4, grace: 1) with { Preset = "slow" }));
        Assert.Equal("preset", error.Key);
    }

    [Fact]
    public void Train_takes_a_preset_and_lists_the_keys_under_it()
    {
        var parsed = TrainCommand.Create().Parse(["--preset", "paper", "--method", "kt"]);

        Assert.Empty(parsed.Errors);
        Assert.Equal("paper", parsed.GetValue<string?>("--preset"));
        Assert.Null(TrainCommand.Create().Parse([]).GetValue<string?>("--preset"));
    }

    private static SweepVerb.Arguments Arguments(int epochs, int grace) =>
        new("kt", "demo", 4, 2, "gp", "asha", "accuracy", 1, epochs, null, [], null, null, 0, null, grace);
}
