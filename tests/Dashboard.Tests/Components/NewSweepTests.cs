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

/// <summary>
/// The new-sweep form against the real catalog over a data root with datasets in their released layouts, so the form
/// offers what the cluster finds and refuses what the CLI refuses.
/// </summary>
public sealed class NewSweepTests : MudComponentTest, IClassFixture<ReleasedDataRoot>
{
    private readonly RecordingSweepClient _client;
    private readonly DashboardOptions _options = new();
    private readonly ReleasedDataRoot _data;
    private IRenderedComponent<MudPopoverProvider> _popovers = null!;

    public NewSweepTests(ReleasedDataRoot data)
    {
        _data = data;
        var catalog = new TrainerSweepCatalog(data.Catalog);
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
    public async Task The_paper_preset_chosen_on_the_form_reaches_the_sweeps_spec()
    {
        var cut = RenderForm();
        cut.Find("input[data-testid=name]").Change("paper-sweep");

        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Preset").Instance.ValueChanged.InvokeAsync("paper"));
        await cut.Find("[data-testid=launch]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Single(_client.Created));
        Assert.Equal("paper", _client.Created[0].Spec.Preset);
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

    [Fact]
    public void The_dataset_field_offers_every_dataset_on_the_data_root_with_its_state()
    {
        var cut = RenderForm();

        var options = OpenDatasets(cut);

        Assert.Equal(Snnsweep.Trainer.Data.DatasetCatalog.Names, options.Select(o => o.GetAttribute("data-testid")!["dataset-option-".Length..]));
        Assert.Equal("ready", State(options, "demo"));
        Assert.Equal("static partner missing", State(options, "n-mnist"));
        Assert.Equal("frames not prepared", State(options, "cep-dvs"));
        Assert.Equal("frames not prepared", State(options, "dvs-gesture"));
        Assert.Equal("not found", State(options, "cifar10-dvs"));
        Assert.Contains("40 samples", Option(options, "n-mnist").TextContent);
        // The chosen one's state and folder under the field.
        Assert.Contains("ready", cut.Find("[data-testid=dataset-state]").TextContent);
        Assert.Contains("(built in)", cut.Find("[data-testid=dataset-state]").TextContent);
    }

    [Fact]
    public void A_dataset_that_is_not_found_is_shown_disabled_with_its_problem()
    {
        var cut = RenderForm();

        var options = OpenDatasets(cut);

        foreach (var name in new[] { "n-caltech101", "cifar10-dvs", "cifar10-dvs-tebn", "n-omniglot" })
        {
            var option = Option(options, name);
            Assert.Equal("true", option.GetAttribute("data-disabled"));
            Assert.Contains("mud-list-item-disabled", option.Closest(".mud-list-item")!.ClassList);
            Assert.Contains($"not found under '{_data.Folder}'", option.TextContent);
        }
        Assert.Equal("false", Option(options, "n-mnist").GetAttribute("data-disabled"));
        Assert.DoesNotContain("mud-list-item-disabled", Option(options, "n-mnist").Closest(".mud-list-item")!.ClassList);
    }

    [Fact]
    public async Task A_sweep_on_a_dataset_that_is_not_found_is_refused_on_the_dataset_field_whatever_the_form_was_given()
    {
        // A clone of a sweep whose dataset is not on this data root: the form says so, the launch is refused.
        _client.Sweeps["elsewhere"] = Snapshots.Sweep("elsewhere", Contracts.SweepStatus.Completed, []) with
        {
            Spec = Snapshots.Spec() with { Dataset = "cifar10-dvs" },
        };
        Render<MudPopoverProvider>();
        Services.GetRequiredService<BunitNavigationManager>().NavigateTo("/sweeps/new?clone=elsewhere");
        var cut = Render<NewSweep>();
        cut.WaitForAssertion(() => Assert.Contains("cifar10-dvs cannot be used", cut.Find("[data-testid=dataset-warning]").TextContent));

        await cut.Find("[data-testid=launch]").ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Contains("cifar10-dvs is not found", FieldText(cut, "[data-testid=dataset]")));
        Assert.Empty(_client.Created);
    }

    [Fact]
    public void Choosing_a_dataset_with_another_T_refreshes_the_prefilled_space()
    {
        var cut = RenderForm();
        Assert.Equal(("4", "12"), Range(cut, "T"));

        Choose(cut, "cep-dvs");

        // CEP-DVS integrates T = 6 frames (the demo 8), so the space's T range scales by 6/8.
        cut.WaitForAssertion(() => Assert.Equal(("3", "9"), Range(cut, "T")));
        Assert.Equal("cep-dvs", cut.Find("[data-testid=dataset]").Closest(".mud-select")!.QuerySelector("input")!.GetAttribute("value"));

        Choose(cut, "demo");
        cut.WaitForAssertion(() => Assert.Equal(("4", "12"), Range(cut, "T")));
    }

    [Fact]
    public async Task A_transfer_method_on_a_dataset_whose_static_partner_is_missing_warns_naming_the_partner_and_the_folder()
    {
        var cut = RenderForm();
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Method").Instance.ValueChanged.InvokeAsync("kt"));

        Choose(cut, "n-mnist");

        cut.WaitForAssertion(() =>
        {
            var warning = cut.Find("[data-testid=dataset-warning]");
            Assert.Contains("mud-alert-text-warning", warning.ClassList);
            Assert.Contains("'mnist'", warning.TextContent);
            Assert.Contains(_data.Folder, warning.TextContent);
        });
        // For baseline the partner does not matter.
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Method").Instance.ValueChanged.InvokeAsync("baseline"));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=dataset-warning]")));
    }

    [Fact]
    public async Task A_transfer_method_cannot_choose_a_dataset_without_a_static_partner()
    {
        var cut = RenderForm();
        Assert.Equal("false", Option(OpenDatasets(cut), "dvs-gesture").GetAttribute("data-disabled"));
        CloseDatasets(cut);

        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "Method").Instance.ValueChanged.InvokeAsync("r2etl"));

        var option = Option(OpenDatasets(cut), "dvs-gesture");
        Assert.Equal("true", option.GetAttribute("data-disabled"));
        Assert.Contains("r2etl needs a static partner", option.TextContent);
    }

    /// <summary>The input's whole control, helper and error text included.</summary>
    private static string FieldText(IRenderedComponent<NewSweep> cut, string selector) => cut.Find(selector).Closest(".mud-input-control")!.TextContent;

    private static (string? Low, string? High) Range(IRenderedComponent<NewSweep> cut, string parameter) =>
        (cut.Find($"input[data-testid=low-{parameter}]").GetAttribute("value"), cut.Find($"input[data-testid=high-{parameter}]").GetAttribute("value"));

    /// <summary>Opens the dataset field's list and returns its options (rendered in the popover provider).</summary>
    private IReadOnlyList<AngleSharp.Dom.IElement> OpenDatasets(IRenderedComponent<NewSweep> cut)
    {
        cut.Find("[data-testid=dataset]").Closest(".mud-input-control")!.MouseDown();
        // Every dataset, not just the first rendered ones; a loaded machine may take more than bUnit's default second.
        _popovers.WaitForAssertion(() => Assert.Equal(Snnsweep.Trainer.Data.DatasetCatalog.Names.Count, _popovers.FindAll("[data-testid^=dataset-option-]").Count), TimeSpan.FromSeconds(15));
        return _popovers.FindAll("[data-testid^=dataset-option-]");
    }

    private void CloseDatasets(IRenderedComponent<NewSweep> cut) =>
        cut.Find("[data-testid=dataset]").Closest(".mud-input-control")!.MouseDown();

    /// <summary>Picks <paramref name="dataset"/> from the open list, as a click would.</summary>
    private void Choose(IRenderedComponent<NewSweep> cut, string dataset) =>
        Option(OpenDatasets(cut), dataset).Closest(".mud-list-item")!.Click();

    private static AngleSharp.Dom.IElement Option(IReadOnlyList<AngleSharp.Dom.IElement> options, string dataset) =>
        options.Single(o => o.GetAttribute("data-testid") == $"dataset-option-{dataset}");

    private static string? State(IReadOnlyList<AngleSharp.Dom.IElement> options, string dataset) => Option(options, dataset).GetAttribute("data-state");

    private IRenderedComponent<NewSweep> RenderForm()
    {
        _popovers = Render<MudPopoverProvider>();
        var cut = Render<NewSweep>();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=dataset-state]")), TimeSpan.FromSeconds(15));
        return cut;
    }
}
