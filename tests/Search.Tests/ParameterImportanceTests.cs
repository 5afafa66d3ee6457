using System.Globalization;
using Snnsweep.Search.Analysis;
using Snnsweep.Search.Spaces;

namespace Snnsweep.Search.Tests;

public sealed class ParameterImportanceTests
{
    private static readonly SearchSpace Space = new([
        new FloatParameter("lr", 1e-4, 1e-1, Log: true),
        new FloatParameter("noise", 0, 1),
        new CategoricalParameter("surrogate", ["atan", "sigmoid"]),
    ]);

    [Fact]
    public void The_parameter_that_drives_the_objective_gets_almost_all_the_importance()
    {
        var random = new Random(7);
        var configurations = new List<IReadOnlyDictionary<string, string>>();
        var objectives = new List<double>();
        for (var i = 0; i < 60; i++)
        {
            var lr = Math.Exp(Math.Log(1e-4) + random.NextDouble() * (Math.Log(1e-1) - Math.Log(1e-4)));
            configurations.Add(new Dictionary<string, string>
            {
                ["lr"] = lr.ToString("R", CultureInfo.InvariantCulture),
                ["noise"] = random.NextDouble().ToString("R", CultureInfo.InvariantCulture),
                ["surrogate"] = random.Next(2) == 0 ? "atan" : "sigmoid",
            });
            objectives.Add(-Math.Log10(lr) + 0.01 * random.NextDouble());
        }

        var importance = ParameterImportance.Compute(Space, configurations, objectives);

        Assert.Equal(1.0, importance.Values.Sum(), 9);
        Assert.True(importance["lr"] > 0.8, $"lr {importance["lr"]}");
        Assert.True(importance["noise"] < 0.1 && importance["surrogate"] < 0.1);
    }

    [Fact]
    public void A_categorical_parameter_is_grouped_by_choice()
    {
        var configurations = Enumerable.Range(0, 8).Select(i => (IReadOnlyDictionary<string, string>)new Dictionary<string, string>
        {
            ["lr"] = "0.01",
            ["noise"] = "0.5",
            ["surrogate"] = i % 2 == 0 ? "atan" : "sigmoid",
        }).ToList();
        var objectives = Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? 0.9 : 0.5).ToList();

        var importance = ParameterImportance.Compute(Space, configurations, objectives);

        Assert.Equal(1.0, importance["surrogate"], 9);
        Assert.Equal(0.0, importance["lr"]);
    }

    [Fact]
    public void Too_few_trials_or_no_spread_give_zero_everywhere()
    {
        IReadOnlyDictionary<string, string> one = new Dictionary<string, string> { ["lr"] = "0.01", ["noise"] = "0.1", ["surrogate"] = "atan" };
        IReadOnlyDictionary<string, string> two = new Dictionary<string, string> { ["lr"] = "0.02", ["noise"] = "0.9", ["surrogate"] = "sigmoid" };

        Assert.All(ParameterImportance.Compute(Space, [one, two], [0.1, 0.9]).Values, v => Assert.Equal(0, v));
        Assert.All(ParameterImportance.Compute(Space, [one, two, one], [0.5, 0.5, 0.5]).Values, v => Assert.Equal(0, v));
    }

    [Fact]
    public void Misaligned_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ParameterImportance.Compute(Space, [], [1.0]));
    }
}
