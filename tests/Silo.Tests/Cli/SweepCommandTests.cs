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

    [Fact]
    public void A_grace_period_longer_than_the_trials_is_refused_naming_the_field()
    {
        var error = Assert.Throws<ArgumentException>(() => SweepVerb.BuildSpec(Arguments(epochs: 4, grace: 5)));

        Assert.StartsWith("gracePeriod: 5 is outside 1..4", error.Message);
    }

    private static SweepVerb.Arguments Arguments(int epochs, int grace) =>
        new("kt", "demo", 4, 2, "gp", "asha", "accuracy", 1, epochs, null, [], null, null, 0, null, grace);
}
