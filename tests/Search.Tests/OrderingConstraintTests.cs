using Snnsweep.Search.Spaces;

namespace Snnsweep.Search.Tests;

public sealed class OrderingConstraintTests
{
    private static Configuration Timesteps(params (string Name, double Value)[] values) =>
        new(values.Select(v => new KeyValuePair<string, ParameterValue>(v.Name, ParameterValue.Of(v.Value))));

    private static SearchSpace Space(bool strict) => new(
        [new IntParameter("T1", 1, 12), new IntParameter("T2", 1, 12), new IntParameter("T3", 1, 12)],
        [new OrderingConstraint(["T1", "T2", "T3"], strict)]);

    [Fact]
    public void A_strict_ordering_refuses_equal_values_that_the_plain_one_allows()
    {
        var plain = new OrderingConstraint(["T1", "T2", "T3"]);
        var strict = new OrderingConstraint(["T1", "T2", "T3"], Strict: true);
        var equal = Timesteps(("T1", 8), ("T2", 4), ("T3", 4));
        var shrinking = Timesteps(("T1", 8), ("T2", 4), ("T3", 2));

        Assert.True(plain.IsSatisfiedBy(equal));
        Assert.False(strict.IsSatisfiedBy(equal));
        Assert.True(strict.IsSatisfiedBy(shrinking));
        Assert.False(strict.IsSatisfiedBy(Timesteps(("T1", 8), ("T2", 8))));
        Assert.Equal("T1 > T2 > T3", strict.Describe());
        Assert.Equal("T1 >= T2 >= T3", plain.Describe());
    }

    [Fact]
    public void An_inactive_parameter_drops_out_of_a_strict_chain()
    {
        var strict = new OrderingConstraint(["T1", "T2", "T3"], Strict: true);

        Assert.True(strict.IsSatisfiedBy(Timesteps(("T1", 8), ("T2", 4))));
        Assert.False(strict.IsSatisfiedBy(Timesteps(("T1", 8), ("T3", 8))));
    }

    [Fact]
    public void Strictness_survives_the_json_round_trip_and_older_json_reads_as_plain()
    {
        var json = Space(strict: true).ToJson();
        var restored = Assert.IsType<OrderingConstraint>(Assert.Single(SearchSpace.FromJson(json).Constraints));
        Assert.True(restored.Strict);
        Assert.Contains("\"strict\": true", json);

        const string older = """
            {
              "parameters": [ { "type": "int", "name": "T1", "low": 1, "high": 12 }, { "type": "int", "name": "T2", "low": 1, "high": 12 } ],
              "constraints": [ { "type": "ordering", "parameters": ["T1", "T2"] } ]
            }
            """;
        var plain = Assert.IsType<OrderingConstraint>(Assert.Single(SearchSpace.FromJson(older).Constraints));
        Assert.False(plain.Strict);
    }

    [Fact]
    public void Uniform_samples_of_a_strictly_ordered_space_strictly_shrink()
    {
        var space = Space(strict: true);
        var random = new SeededRandom(7);

        for (var i = 0; i < 200; i++)
        {
            var c = space.SampleUniform(random);
            Assert.True(c.GetNumber("T1") > c.GetNumber("T2") && c.GetNumber("T2") > c.GetNumber("T3"), $"{c.GetNumber("T1")}, {c.GetNumber("T2")}, {c.GetNumber("T3")}");
        }
    }

    [Fact]
    public void Repair_sorts_a_strict_chain_and_ties_stay_infeasible_rather_than_invented()
    {
        var space = Space(strict: true);

        Assert.True(space.TryMakeFeasible(Timesteps(("T1", 2), ("T2", 8), ("T3", 4)), out var sorted));
        Assert.Equal([8.0, 4.0, 2.0], new[] { sorted.GetNumber("T1"), sorted.GetNumber("T2"), sorted.GetNumber("T3") });
        Assert.False(space.TryMakeFeasible(Timesteps(("T1", 4), ("T2", 8), ("T3", 4)), out _));
    }
}
