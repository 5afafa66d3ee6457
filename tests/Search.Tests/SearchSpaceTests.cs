using System.Text.Json;
using Snnsweep.Search.Spaces;

namespace Snnsweep.Search.Tests;

public sealed class SearchSpaceTests
{
    [Fact]
    public void Json_round_trip_keeps_every_parameter_condition_and_constraint()
    {
        var space = TestProblems.SnnSpace();

        var json = space.ToJson();
        var restored = SearchSpace.FromJson(json);

        Assert.Equal(json, restored.ToJson());
        Assert.Contains("\"type\": \"ordering\"", json);
        Assert.Contains("\"log\": true", json);
        // Same parameters in the same order decode unit points to the same configurations.
        var random = new SeededRandom(4);
        for (var i = 0; i < 50; i++)
        {
            var unit = Enumerable.Range(0, space.Count).Select(_ => random.NextDouble()).ToArray();
            Assert.Equal(space.FromUnit(unit), restored.FromUnit(unit));
        }
        Assert.Equal(new ParameterCondition("n_stages", [3]).Parent, restored["T3"].Condition!.Parent);
        Assert.IsType<LinearConstraint>(restored.Constraints[1]);
    }

    [Fact]
    public void A_space_written_by_hand_in_json_is_read()
    {
        const string json = """
            {
              "parameters": [
                { "type": "float", "name": "lr", "low": 0.0001, "high": 0.1, "log": true },
                { "type": "int", "name": "T1", "low": 2, "high": 12 },
                { "type": "categorical", "name": "surrogate", "choices": ["sigmoid", "atan", 3] },
                { "type": "float", "name": "alpha", "low": 0.1, "high": 0.9, "condition": { "parent": "surrogate", "values": ["atan"] } }
              ],
              "constraints": [ { "type": "linear", "coefficients": { "T1": 1 }, "upperBound": 10 } ]
            }
            """;

        var space = SearchSpace.FromJson(json);

        Assert.True(((FloatParameter)space["lr"]).Log);
        Assert.Equal(ParameterValue.Of(3), ((CategoricalParameter)space["surrogate"]).Choices[2]);
        Assert.Equal("surrogate", space["alpha"].Condition!.Parent);
        Assert.Single(space.Constraints);
    }

    [Theory]
    [InlineData("""{"parameters":[{"type":"float","name":"lr","low":0,"high":0.1,"log":true}]}""", "lr")]
    [InlineData("""{"parameters":[{"type":"float","name":"w","low":1,"high":1}]}""", "w")]
    [InlineData("""{"parameters":[{"type":"int","name":"width","low":64,"high":500,"step":64}]}""", "width")]
    [InlineData("""{"parameters":[{"type":"int","name":"T","low":0,"high":8,"log":true}]}""", "T")]
    [InlineData("""{"parameters":[{"type":"categorical","name":"kernel","choices":[]}]}""", "kernel")]
    [InlineData("""{"parameters":[{"type":"categorical","name":"kernel","choices":["a","a"]}]}""", "kernel")]
    [InlineData("""{"parameters":[{"type":"float","name":"bw","low":1,"high":2,"condition":{"parent":"kernel","values":["rbf"]}}]}""", "bw")]
    [InlineData("""{"parameters":[{"type":"categorical","name":"kernel","choices":["linear"]},{"type":"float","name":"bw","low":1,"high":2,"condition":{"parent":"kernel","values":["rbf"]}}]}""", "bw")]
    [InlineData("""{"parameters":[{"type":"float","name":"x","low":0,"high":1},{"type":"float","name":"y","low":1,"high":2,"condition":{"parent":"x","values":[0.5]}}]}""", "y")]
    [InlineData("""{"parameters":[{"type":"int","name":"T1","low":1,"high":4}],"constraints":[{"type":"ordering","parameters":["T1","T9"]}]}""", "T9")]
    [InlineData("""{"parameters":[{"type":"int","name":"a","low":1,"high":4},{"type":"int","name":"a","low":1,"high":4}]}""", "a")]
    public void Invalid_definitions_are_rejected_with_the_parameter_named(string json, string parameter)
    {
        var error = Assert.Throws<SearchSpaceException>(() => SearchSpace.FromJson(json));

        Assert.Contains($"'{parameter}'", error.Message);
    }

    [Fact]
    public void Cyclic_conditions_are_rejected()
    {
        var error = Assert.Throws<SearchSpaceException>(() => new SearchSpace(
        [
            new IntParameter("a", 0, 1) { Condition = new ParameterCondition("b", [1]) },
            new IntParameter("b", 0, 1) { Condition = new ParameterCondition("a", [1]) },
        ]));

        Assert.Contains("cycle", error.Message);
    }

    [Fact]
    public void Violations_name_the_parameter_at_fault()
    {
        var space = TestProblems.SnnSpace();
        var valid = new Configuration(new Dictionary<string, ParameterValue>
        {
            ["lr"] = 1e-3, ["lambda_tet"] = 0.01, ["n_stages"] = 2, ["T1"] = 8, ["T2"] = 4,
            ["surrogate"] = "atan", ["cka_kernel"] = "linear", ["width"] = 128, ["bottleneck"] = 256,
        });
        Assert.Empty(space.Violations(valid));

        Assert.Contains(space.Violations(valid.With("lr", 0.5)), v => v.Contains("'lr'"));
        Assert.Contains(space.Violations(valid.With("bottleneck", 100)), v => v.Contains("'bottleneck'"));
        Assert.Contains(space.Violations(valid.With("T1", 7.5)), v => v.Contains("'T1'"));
        Assert.Contains(space.Violations(valid.With("surrogate", "relu")), v => v.Contains("'surrogate'"));
        Assert.Contains(space.Violations(valid.With("rbf_scale", 1.0)), v => v.Contains("'rbf_scale'") && v.Contains("inactive"));
        Assert.Contains(space.Violations(valid.With("n_stages", 3)), v => v.Contains("'T3'") && v.Contains("no value"));
        Assert.Contains(space.Violations(valid.With("dropout", 0.1)), v => v.Contains("'dropout'"));
        Assert.Contains(space.Violations(valid.With("T2", 9)), v => v.Contains("T1 >= T2 >= T3"));
        Assert.Contains(space.Violations(valid.With("T1", 12).With("T2", 9)), v => v.Contains("<= 20"));
    }

    [Fact]
    public void Unit_maps_give_every_integer_the_same_share_and_round_trip()
    {
        var linear = new IntParameter("T", 2, 12);
        var stepped = new IntParameter("w", 64, 512, Step: 64);
        var logarithmic = new IntParameter("width", 1, 1000, Log: true);

        foreach (var parameter in new[] { linear, stepped, logarithmic })
        {
            for (var value = parameter.Low; value <= parameter.High; value += parameter.Step)
            {
                Assert.Equal(ParameterValue.Of(value), parameter.FromUnit(parameter.ToUnit(value)));
                var (low, high) = parameter.UnitCell(value);
                Assert.Equal(ParameterValue.Of(value), parameter.FromUnit(low + 1e-9));
                Assert.Equal(ParameterValue.Of(value), parameter.FromUnit(high - 1e-9));
            }
        }
        var counts = new int[11];
        for (var i = 0; i < 1100; i++)
        {
            counts[(int)linear.FromUnit((i + 0.5) / 1100).Number - 2]++;
        }
        Assert.All(counts, c => Assert.Equal(100, c));
    }

    [Fact]
    public void Log_floats_are_uniform_in_the_logarithm()
    {
        var lr = new FloatParameter("lr", 1e-4, 1e-1, Log: true);

        Assert.Equal(1e-4, lr.FromUnit(0).Number, 12);
        Assert.Equal(1e-1, lr.FromUnit(1).Number, 12);
        Assert.Equal(Math.Pow(10, -2.5), lr.FromUnit(0.5).Number, 12);
        Assert.Equal(0.5, lr.ToUnit(Math.Pow(10, -2.5)), 12);
    }

    [Fact]
    public void Configurations_compare_by_value_and_serialise_as_flat_objects()
    {
        var a = new Configuration(new Dictionary<string, ParameterValue> { ["lr"] = 0.001, ["surrogate"] = "atan" });
        var b = Configuration.Empty.With("surrogate", "atan").With("lr", 0.001);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b.With("lr", 0.002));
        var json = JsonSerializer.Serialize(a, SearchJson.Options);
        Assert.Equal(a, JsonSerializer.Deserialize<Configuration>(json, SearchJson.Options));
        Assert.Contains("\"surrogate\": \"atan\"", json);
    }

    [Fact]
    public void An_infeasible_constraint_is_reported_instead_of_looping()
    {
        var space = new SearchSpace(
            [new IntParameter("a", 1, 3), new IntParameter("b", 1, 3)],
            [new LinearConstraint(new Dictionary<string, double> { ["a"] = 1, ["b"] = 1 }, 1)]);

        var error = Assert.Throws<InvalidOperationException>(() => space.SampleUniform(new SeededRandom(1)));

        Assert.Contains("1*a + 1*b <= 1", error.Message);
    }
}
