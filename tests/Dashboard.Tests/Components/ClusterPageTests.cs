using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Snnsweep.Dashboard.Components.Pages;
using Snnsweep.Dashboard.Services;
using Snnsweep.Silo.Sweeps;

namespace Snnsweep.Dashboard.Tests.Components;

/// <summary>The cluster page's dataset table, from the real catalog over a data root with released layouts.</summary>
public sealed class ClusterPageTests : MudComponentTest, IClassFixture<ReleasedDataRoot>
{
    private readonly ReleasedDataRoot _data;

    public ClusterPageTests(ReleasedDataRoot data)
    {
        _data = data;
        var catalog = new TrainerSweepCatalog(data.Catalog);
        var access = new DashboardAccess(Options.Create(new DashboardOptions()));
        Services.AddSingleton<ISweepCatalog>(catalog);
        Services.AddSingleton<ISweepClient>(new RecordingSweepClient(catalog, access));
        Services.AddSingleton(access);
        // Not started: the page only subscribes to it.
        Services.AddSingleton(new SweepFeed(null!, NullLogger<SweepFeed>.Instance));
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void The_cluster_page_lists_every_dataset_with_its_state_samples_folder_partner_and_problem()
    {
        var cut = Render<ClusterPage>();

        cut.WaitForAssertion(() => Assert.Equal(Snnsweep.Trainer.Data.DatasetCatalog.Names.Count, cut.FindAll("[data-testid=datasets] tbody tr").Count), TimeSpan.FromSeconds(15));
        string[] Cells(string dataset) => cut.Find($"[data-testid=datasets] tbody tr[data-dataset={dataset}]").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();

        var demo = Cells("demo");
        Assert.Equal(["demo", "ready", "–", "(built in)"], demo[..4]);
        Assert.StartsWith("fashion-mnist", demo[4]);
        Assert.Equal("", demo[5]);

        var nmnist = Cells("n-mnist");
        Assert.Equal(["n-mnist", "static partner missing", "40", _data.Folder], nmnist[..4]);
        // Missing: where it was looked for, and why it was not found there.
        Assert.Equal($"mnist{_data.Folder}", nmnist[4].Replace("\n", "").Replace(" ", ""));
        Assert.StartsWith("Dataset 'mnist' not found", nmnist[5]);

        var gesture = Cells("dvs-gesture");
        Assert.Equal(["dvs-gesture", "frames not prepared"], gesture[..2]);
        Assert.Equal("none", gesture[4]);

        // Found in the dataset's own folder (CEP-DVS ships its images beside the events): the folder is not repeated.
        Assert.Equal("cep-dvs-images", Cells("cep-dvs")[4]);

        var caltech = Cells("n-caltech101");
        Assert.Equal(["n-caltech101", "not found", "–", _data.Folder], caltech[..4]);
        // Short: the first line, the layout that follows it in the tooltip.
        Assert.StartsWith($"Dataset 'n-caltech101' not found under '{_data.Folder}'", caltech[5]);
        Assert.DoesNotContain("Expected layout", caltech[5]);
        Assert.Contains("Expected layout", cut.Find("[data-testid=datasets] tbody tr[data-dataset=n-caltech101] td:last-child").GetAttribute("title"));
    }
}
