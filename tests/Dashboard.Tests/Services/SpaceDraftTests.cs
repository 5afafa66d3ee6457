using Snnsweep.Dashboard.Services;
using Snnsweep.Search.Spaces;

namespace Snnsweep.Dashboard.Tests.Services;

public sealed class SpaceDraftTests
{
    private const string Space = """
        {"parameters":[
          {"type":"int","name":"ssnn.t1","low":2,"high":8},
          {"type":"int","name":"ssnn.t2","low":2,"high":8},
          {"type":"int","name":"ssnn.t3","low":1,"high":8},
          {"type":"categorical","name":"loss","choices":["crossentropy","tet"]},
          {"type":"float","name":"loss.tetLambda","low":0,"high":0.05,"condition":{"parent":"loss","values":["tet"]}}],
         "constraints":[{"type":"ordering","parameters":["ssnn.t1","ssnn.t2","ssnn.t3"]}]}
        """;

    [Fact]
    public void Edited_ranges_log_scale_and_conditions_reach_the_space()
    {
        var draft = SpaceDraft.Parse(Space);
        var t1 = draft.Rows.Single(r => r.Name == "ssnn.t1");
        t1.Low = 4;
        t1.Log = true;
        draft.Rows.Single(r => r.Name == "loss").Choices = "tet, crossentropy, mse";
        draft.Rows.Single(r => r.Name == "loss.tetLambda").Condition = "loss: tet, mse";

        var space = SearchSpace.FromJson(draft.ToSpaceJson());

        Assert.Equal(new IntParameter("ssnn.t1", 4, 8, Log: true), space["ssnn.t1"]);
        Assert.Equal(3, ((CategoricalParameter)space["loss"]).Choices.Count);
        Assert.Equal(["tet", "mse"], space["loss.tetLambda"].Condition!.Values.Select(v => v.ToString()));
    }

    [Fact]
    public void A_fixed_parameter_leaves_the_space_and_its_ordering_keeps_the_others()
    {
        var draft = SpaceDraft.Parse(Space);
        var t2 = draft.Rows.Single(r => r.Name == "ssnn.t2");
        t2.Fixed = true;
        t2.FixedValue = "4";

        var space = SearchSpace.FromJson(draft.ToSpaceJson());

        Assert.False(space.Contains("ssnn.t2"));
        var ordering = Assert.IsType<OrderingConstraint>(Assert.Single(space.Constraints));
        Assert.Equal(["ssnn.t1", "ssnn.t3"], ordering.Parameters);
        Assert.Equal(["ssnn.t2=4"], draft.FixedSettings());
    }

    [Fact]
    public void A_fixed_parameter_without_a_value_and_an_inverted_range_are_refused_by_name()
    {
        var draft = SpaceDraft.Parse(Space);
        draft.Rows[0].Fixed = true;
        Assert.Contains("ssnn.t1", Assert.Throws<SweepRequestException>(() => draft.FixedSettings().ToList()).Message);

        var inverted = SpaceDraft.Parse(Space);
        inverted.Rows.Single(r => r.Name == "ssnn.t3").Low = 9;
        var e = Assert.Throws<SweepRequestException>(inverted.ToSpaceJson);
        Assert.Equal("space", e.Field);
        Assert.Contains("ssnn.t3", e.Message);
    }

    [Fact]
    public void Text_that_is_not_a_space_is_refused()
    {
        Assert.Equal("space", Assert.Throws<SweepRequestException>(() => SpaceDraft.Parse("{\"parameters\": 3}")).Field);
    }
}
