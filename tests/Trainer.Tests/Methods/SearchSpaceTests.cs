using System.Globalization;
using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Trainer.Tests.Methods;

public sealed class SearchSpaceTests
{
    public static TheoryData<string> Methods => new(TrainingMethods.Names);

    [Theory]
    [MemberData(nameof(Methods))]
    public void Every_declared_knob_is_a_configuration_key_whose_range_ends_apply(string method)
    {
        var space = TrainingMethods.Get(method).SearchSpace;

        Assert.NotEmpty(space.Parameters);
        foreach (var parameter in space.Parameters)
        {
            var values = parameter.Kind == SearchParameterKind.Categorical
                ? parameter.Choices!
                : [parameter.ToSetting(parameter.Low), parameter.ToSetting(parameter.High)];
            foreach (var value in values)
            {
                var config = TrainingConfigSchema.Apply(TrainingMethods.DefaultConfig(method), parameter.Name, value);
                Assert.Equal(value, Convert.ToString(TrainingConfigSchema.Describe(config)[parameter.Name], CultureInfo.InvariantCulture), ignoreCase: true);
            }
            if (parameter.Log) Assert.True(parameter.Low > 0, $"{parameter.Name} is log-scaled from {parameter.Low}");
            if (parameter.Condition is { } condition) Assert.Contains(space.Parameters, p => p.Name == condition.Name);
        }
        Assert.All(space.Constraints.SelectMany(c => c.Names), name => Assert.Contains(space.Parameters, p => p.Name == name));
    }

    [Fact]
    public void The_ssnn_space_declares_shrinking_timesteps_and_its_method_enforces_them()
    {
        var constraint = Assert.Single(TrainingMethods.Get("ssnn").SearchSpace.Constraints);

        Assert.Equal("T >= ssnn.T2 >= ssnn.T3", constraint.Expression);
        Assert.True(constraint.IsSatisfiedBy(new Dictionary<string, object> { ["T"] = 8, ["ssnn.T2"] = 4, ["ssnn.T3"] = 4 }));
        Assert.False(constraint.IsSatisfiedBy(new Dictionary<string, object> { ["T"] = 8, ["ssnn.T2"] = 4, ["ssnn.T3"] = 5 }));
        Assert.True(constraint.IsSatisfiedBy(new Dictionary<string, object> { ["T"] = 8, ["ssnn.T2"] = 4 }));
    }

    [Fact]
    public void The_transfer_methods_declare_their_alignment_weights()
    {
        Assert.True(TrainingMethods.Get("kt").SearchSpace["kt.alignWeight"].Log);
        Assert.Equal(["learnable", "fixed", "off"], TrainingMethods.Get("kt").SearchSpace["kt.coefficients"].Choices);
        Assert.Equal(0.5, TrainingMethods.Get("r2etl").SearchSpace["r2etl.lambdaFeat"].High);
    }

    [Theory]
    [InlineData("kt.p=0", "kt.p")]
    [InlineData("kt.coefficients=sometimes", "kt.coefficients")]
    [InlineData("ssnn.stages=5", "ssnn.stages")]
    [InlineData("r2etl.lambdaEnc=-1", "r2etl.lambdaEnc")]
    [InlineData("data.staticFit=stretch", "data.staticFit")]
    public void A_bad_method_setting_is_rejected_naming_its_key(string assignment, string key)
    {
        var error = Assert.Throws<InvalidConfigException>(() => TrainingConfigSchema.Apply(new TrainingConfig(), [assignment]));

        Assert.Equal(key, error.Key);
    }

    [Fact]
    public void Methods_are_found_by_name_and_an_unknown_one_is_refused_listing_them()
    {
        Assert.Equal(["baseline", "kt", "ssnn", "r2etl"], TrainingMethods.Names);
        var error = Assert.Throws<ArgumentException>(() => TrainingMethods.Get("magic"));
        Assert.Contains("baseline, kt, ssnn, r2etl", error.Message);
    }
}
