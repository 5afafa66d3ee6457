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
            var values = parameter.Kind == MethodParameterKind.Categorical
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
    public void The_ssnn_space_declares_strictly_shrinking_timesteps()
    {
        var constraint = Assert.Single(TrainingMethods.Get("ssnn").SearchSpace.Constraints);

        Assert.True(constraint.Strict);
        Assert.Equal("T > ssnn.T2 > ssnn.T3", constraint.Expression);
        Assert.True(constraint.IsSatisfiedBy(new Dictionary<string, object> { ["T"] = 8, ["ssnn.T2"] = 4, ["ssnn.T3"] = 2 }));
        Assert.False(constraint.IsSatisfiedBy(new Dictionary<string, object> { ["T"] = 8, ["ssnn.T2"] = 4, ["ssnn.T3"] = 4 }));
        Assert.False(constraint.IsSatisfiedBy(new Dictionary<string, object> { ["T"] = 8, ["ssnn.T2"] = 8 }));
        Assert.False(constraint.IsSatisfiedBy(new Dictionary<string, object> { ["T"] = 8, ["ssnn.T2"] = 4, ["ssnn.T3"] = 5 }));
        Assert.True(constraint.IsSatisfiedBy(new Dictionary<string, object> { ["T"] = 8, ["ssnn.T2"] = 4 }));
    }

    [Fact]
    public void A_plain_constraint_still_allows_equal_values()
    {
        var constraint = new MethodConstraint(["T", "ssnn.T2", "ssnn.T3"]);

        Assert.Equal("T >= ssnn.T2 >= ssnn.T3", constraint.Expression);
        Assert.True(constraint.IsSatisfiedBy(new Dictionary<string, object> { ["T"] = 8, ["ssnn.T2"] = 4, ["ssnn.T3"] = 4 }));
        Assert.False(constraint.IsSatisfiedBy(new Dictionary<string, object> { ["T"] = 8, ["ssnn.T2"] = 4, ["ssnn.T3"] = 5 }));
    }

    [Fact]
    public void The_kt_space_searches_the_cka_kernel_and_the_r2etl_space_the_feature_loss()
    {
        var kt = TrainingMethods.Get("kt").SearchSpace;
        var r2etl = TrainingMethods.Get("r2etl").SearchSpace;

        Assert.Equal(["linear", "rbf"], kt["kt.ckaKernel"].Choices);
        Assert.Equal(new MethodCondition("kt.ckaKernel", ["rbf"]).Name, kt["kt.rbfScale"].Condition!.Name);
        Assert.Equal(["rbf"], kt["kt.rbfScale"].Condition!.Values);
        Assert.Equal((0.25, 4.0), (kt["kt.rbfScale"].Low, kt["kt.rbfScale"].High));
        Assert.Equal(["tcka", "cka", "mse", "mmd"], r2etl["r2etl.featureLoss"].Choices);
    }

    [Fact]
    public void The_new_keys_default_to_what_the_fast_defaults_trained_before_them()
    {
        var config = new TrainingConfig();
        var described = TrainingConfigSchema.Describe(config);

        Assert.Equal("threshold", described["loss.tetTarget"]);
        Assert.Equal("linear", described["kt.ckaKernel"]);
        Assert.Equal(1.0, described["kt.rbfScale"]);
        Assert.Equal(false, described["ssnn.strict"]);
        Assert.Equal(0.0, described["ssnn.maxAvgTimestep"]);
        Assert.Equal("tcka", described["r2etl.featureLoss"]);
        Assert.Null(config.TetTarget);
    }

    [Theory]
    [InlineData("threshold")]
    [InlineData("0.5")]
    [InlineData("-2.25")]
    public void The_tet_target_reads_back_as_it_was_written(string value)
    {
        var config = TrainingConfigSchema.Apply(new TrainingConfig(), ["loss.tetTarget=" + value]);
        var assignments = TrainingConfigSchema.Describe(config).Select(kv => $"{kv.Key}={Convert.ToString(kv.Value, CultureInfo.InvariantCulture)}");

        var rebuilt = TrainingConfigSchema.Apply(new TrainingConfig { TetTarget = 3 }, assignments);

        Assert.Equal(config, rebuilt);
        Assert.Equal(value, Convert.ToString(TrainingConfigSchema.Describe(rebuilt)["loss.tetTarget"], CultureInfo.InvariantCulture));
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
    [InlineData("loss.tetTarget=1000", "loss.tetTarget")]
    [InlineData("loss.tetTarget=half", "loss.tetTarget")]
    [InlineData("kt.ckaKernel=cosine", "kt.ckaKernel")]
    [InlineData("kt.rbfScale=0", "kt.rbfScale")]
    [InlineData("ssnn.strict=maybe", "ssnn.strict")]
    [InlineData("ssnn.maxAvgTimestep=-1", "ssnn.maxAvgTimestep")]
    [InlineData("r2etl.featureLoss=kl", "r2etl.featureLoss")]
    public void A_bad_method_setting_is_rejected_naming_its_key(string assignment, string key)
    {
        var error = Assert.Throws<InvalidConfigException>(() => TrainingConfigSchema.Apply(new TrainingConfig(), [assignment]));

        Assert.Equal(key, error.Key);
        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void Methods_are_found_by_name_and_an_unknown_one_is_refused_listing_them()
    {
        Assert.Equal(["baseline", "kt", "ssnn", "r2etl"], TrainingMethods.Names);
        var error = Assert.Throws<ArgumentException>(() => TrainingMethods.Get("magic"));
        Assert.Contains("baseline, kt, ssnn, r2etl", error.Message);
    }
}
