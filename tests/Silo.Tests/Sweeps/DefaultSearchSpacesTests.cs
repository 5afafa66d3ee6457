using Snnsweep.Silo.Cli;
using Snnsweep.Trainer.Methods;

namespace Snnsweep.Silo.Tests.Sweeps;

public sealed class DefaultSearchSpacesTests
{
    public static TheoryData<string> Methods => new(TrainingMethods.Names);

    [Theory]
    [MemberData(nameof(Methods))]
    public void Every_methods_declared_space_becomes_a_valid_sweep_over_trainer_keys(string method)
    {
        var args = new SweepVerb.Arguments(method, "demo", 4, 2, "gp", "asha", "accuracy", 1, 2, null, [], null, null, 0, null);

        var spec = SweepVerb.BuildSpec(args);

        var space = Search.Spaces.SearchSpace.FromJson(spec.SpaceJson);
        Assert.Equal(TrainingMethods.Get(method).SearchSpace.Parameters.Select(p => p.Name).Order(), space.Parameters.Select(p => p.Name).Order());
        Assert.Equal(TrainingMethods.Get(method).SearchSpace.Constraints.Count, space.Constraints.Count);
    }

    [Fact]
    public void The_ssnn_sweep_space_keeps_its_stages_strictly_shrinking_also_without_a_fixed_key()
    {
        var full = Assert.IsType<Search.Spaces.OrderingConstraint>(Assert.Single(Search.Spaces.SearchSpace.FromJson(Snnsweep.Silo.Sweeps.DefaultSearchSpaces.For("ssnn")).Constraints));
        var withoutT = Assert.IsType<Search.Spaces.OrderingConstraint>(Assert.Single(Search.Spaces.SearchSpace.FromJson(Snnsweep.Silo.Sweeps.DefaultSearchSpaces.For("ssnn", ["T"])).Constraints));

        Assert.True(full.Strict);
        Assert.Equal(["T", "ssnn.T2", "ssnn.T3"], full.Parameters);
        Assert.True(withoutT.Strict);
        Assert.Equal(["ssnn.T2", "ssnn.T3"], withoutT.Parameters);
    }

    [Fact]
    public void A_sweep_over_an_unknown_key_is_refused_naming_it()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, """{"parameters":[{"type":"float","name":"learningRate","low":0.001,"high":0.01}]}""");
        var args = new SweepVerb.Arguments("baseline", "demo", 4, 2, "gp", "asha", "accuracy", 1, 2, file, [], null, null, 0, null);

        var error = Assert.Throws<Snnsweep.Trainer.Training.InvalidConfigException>(() => SweepVerb.BuildSpec(args));

        Assert.Contains("learningRate", error.Message);
        File.Delete(file);
    }
}
