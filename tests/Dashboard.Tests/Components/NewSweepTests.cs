using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using Snnsweep.Dashboard.Components.Pages;
using Snnsweep.Dashboard.Services;
using Snnsweep.Search.Spaces;
using Snnsweep.Silo.Sweeps;

namespace Snnsweep.Dashboard.Tests.Components;

/// <summary>The new-sweep form against the real catalog, so the form refuses what the CLI refuses.</summary>
public sealed class NewSweepTests : MudComponentTest
{
    private readonly RecordingSweepClient _client;
    private readonly DashboardOptions _options = new();

    public NewSweepTests()
    {
        var catalog = new TrainerSweepCatalog();
        var access = new DashboardAccess(Options.Create(_options));
        _client = new RecordingSweepClient(catalog, access);
        Services.AddSingleton<ISweepCatalog>(catalog);
        Services.AddSingleton<ISweepClient>(_client);
        Services.AddSingleton(access);
    }

    [Fact]
    public void The_space_is_prefilled_from_the_methods_declaration()
    {
        var cut = RenderForm();

        var names = cut.FindAll("[data-testid=space-editor] tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        var declared = SearchSpace.FromJson(DefaultSearchSpaces.For("baseline")).Parameters.Select(p => p.Name).ToList();
        Assert.Equal(declared.Order(), names.Order());
    }

    [Fact]
    public async Task A_bad_name_is_marked_on_its_field_and_nothing_starts()
    {
        var cut = RenderForm();

        cut.Find("input[data-testid=name]").Change("my sweep!");
        await cut.Find("[data-testid=launch]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("starting with a letter or digit", FieldText(cut, "input[data-testid=name]")));
        Assert.Empty(_client.Created);
    }

    [Fact]
    public async Task An_unknown_fixed_setting_is_reported_on_the_fixed_field_with_the_trainers_message()
    {
        var cut = RenderForm();

        cut.Find("textarea[data-testid=fixed]").Change("data.trainSampels=64");
        await cut.Find("[data-testid=launch]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("data.trainSampels", FieldText(cut, "textarea[data-testid=fixed]")));
        Assert.Empty(_client.Created);
    }

    [Fact]
    public async Task A_valid_form_creates_the_sweep_with_fixed_rows_moved_out_of_the_space_and_opens_it()
    {
        var cut = RenderForm();
        cut.Find("input[data-testid=name]").Change("form-sweep");
        cut.Find("input[data-testid=trials]").Change("4");
        cut.Find("input[data-testid=epochs]").Change("9");
        cut.Find("input[data-testid=grace-period]").Change("3");
        cut.Find("textarea[data-testid=fixed]").Change("data.trainSamples=64");
        cut.Find("input[data-testid=fix-lr]").Change(true);
        cut.Find("input[data-testid=fixed-lr]").Change("0.003");

        await cut.Find("[data-testid=launch]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Single(_client.Created));
        var (id, spec) = _client.Created[0];
        Assert.Equal("form-sweep", id);
        Assert.Equal(4, spec.Trials);
        Assert.Equal(3, spec.GracePeriod);
        Assert.Equal("64", spec.Fixed["data.trainSamples"]);
        Assert.Equal("0.003", spec.Fixed["lr"]);
        Assert.False(SearchSpace.FromJson(spec.SpaceJson).Contains("lr"));
        Assert.EndsWith("/sweeps/form-sweep", Services.GetRequiredService<BunitNavigationManager>().Uri);
    }

    [Fact]
    public async Task A_grace_period_longer_than_the_trials_is_marked_on_its_field_and_nothing_starts()
    {
        var cut = RenderForm();
        cut.Find("input[data-testid=epochs]").Change("4");
        cut.Find("input[data-testid=grace-period]").Change("6");

        await cut.Find("[data-testid=launch]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("gracePeriod: 6 is outside 1..4", FieldText(cut, "input[data-testid=grace-period]")));
        Assert.Empty(_client.Created);
    }

    [Fact]
    public void Without_the_token_the_form_says_so_and_cannot_launch()
    {
        _options.RequireToken = true;
        _options.Token = "t";

        var cut = RenderForm();

        Assert.NotNull(cut.Find("[data-testid=needs-token]"));
        Assert.True(cut.Find("[data-testid=launch]").HasAttribute("disabled"));
    }

    /// <summary>The input's whole control, helper and error text included.</summary>
    private static string FieldText(IRenderedComponent<NewSweep> cut, string selector) => cut.Find(selector).Closest(".mud-input-control")!.TextContent;

    private IRenderedComponent<NewSweep> RenderForm()
    {
        Render<MudPopoverProvider>();
        return Render<NewSweep>();
    }
}
