using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Tests;

public sealed class TrialHistoryTests
{
    private static Configuration Config(double lr) => new([new("lr", ParameterValue.Of(lr))]);

    [Fact]
    public void The_configurations_a_history_carries_through_add_and_replace_are_those_of_its_trials()
    {
        // The set is kept up to date incrementally once built; it must always equal the set rebuilt from the trials.
        var history = TrialHistory.Empty.Add(Trial.Start(0, Config(0.1)));
        _ = history.Configurations;
        history = history.Add(Trial.Start(1, Config(0.2))).Add(Trial.Start(2, Config(0.3)));
        history = history.Replace(history.ById(1).Complete([0.5]));
        var changed = history.Replace(Trial.Start(2, Config(0.4)));

        Assert.Equal([Config(0.1), Config(0.2), Config(0.3)], history.Configurations.OrderBy(c => c["lr"].Number));
        Assert.Equal([Config(0.1), Config(0.2), Config(0.4)], changed.Configurations.OrderBy(c => c["lr"].Number));
        Assert.Equal(new TrialHistory(changed).Configurations.OrderBy(c => c["lr"].Number), changed.Configurations.OrderBy(c => c["lr"].Number));
    }

    [Fact]
    public void A_history_built_from_trials_finds_them_by_id_and_refuses_a_repeated_id()
    {
        var history = new TrialHistory([Trial.Start(4, Config(0.1)), Trial.Start(7, Config(0.2))]);

        Assert.Equal(Config(0.2), history.ById(7).Parameters);
        Assert.True(history.ContainsId(4));
        Assert.False(history.ContainsId(5));
        Assert.Throws<ArgumentException>(() => new TrialHistory([Trial.Start(1, Config(0.1)), Trial.Start(1, Config(0.2))]));
        Assert.Throws<ArgumentException>(() => history.Add(Trial.Start(7, Config(0.3))));
    }
}
