using Microsoft.Extensions.DependencyInjection;
using Snnsweep.Dashboard.Services;
using Snnsweep.Silo.Hosting;
using Snnsweep.Silo.Sweeps;
using Snnsweep.Tests.DatasetFixtures;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Data.Definitions;
using Snnsweep.Trainer.Training;
using SearchSpace = Snnsweep.Search.Spaces.SearchSpace;

namespace Snnsweep.Silo.Tests.Sweeps;

/// <summary>The dashboard's view of the trainer (<see cref="TrainerSweepCatalog"/>) over a real <see cref="DatasetCatalog"/> on a temp data root.</summary>
public sealed class TrainerSweepCatalogTests : IDisposable
{
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private TrainerSweepCatalog Catalog() => new(new DatasetCatalog(_root.Path));

    [Fact]
    public async Task Over_an_empty_data_root_every_event_dataset_is_not_found_and_the_demo_is_ready()
    {
        var datasets = await Catalog().GetDatasetsAsync();

        Assert.Equal(DatasetCatalog.Names, datasets.Select(d => d.Name));
        var demo = datasets[0];
        Assert.Equal(("demo", DatasetChoice.Ready, true, true, "(built in)"), (demo.Name, demo.State, demo.CanStart, demo.StaticPartnerFound, demo.Folder));
        Assert.Null(demo.Problem);
        var definitions = DatasetDefinitions.CreateDefault();
        foreach (var dataset in datasets.Skip(2))
        {
            Assert.Equal(DatasetChoice.NotFound, dataset.State);
            Assert.False(dataset.CanStart, dataset.Name);
            Assert.False(dataset.StaticPartnerFound, dataset.Name);
            Assert.Null(dataset.Samples);
            Assert.Equal(Path.GetFullPath(_root.Path), dataset.Folder);
            Assert.Contains(Path.GetFullPath(_root.Path), dataset.Problem);
            Assert.Equal(definitions.Get(dataset.Name).PairedDataset, dataset.Partner);
            Assert.Equal(dataset.Partner is null ? null : Path.GetFullPath(_root.Path), dataset.PartnerFolder);
            Assert.False(string.IsNullOrWhiteSpace(dataset.Description));
            // The summary a form shows: the first line, without the layout that follows it.
            Assert.DoesNotContain("Expected layout", dataset.ProblemSummary);
            Assert.Contains(dataset.Name, dataset.ProblemSummary);
        }
    }

    [Fact]
    public async Task A_released_n_mnist_without_mnist_is_found_with_its_samples_and_its_partner_missing()
    {
        ReleasedLayouts.NMnist(_root.Path, samplesPerClass: 3);

        var nmnist = (await Catalog().GetDatasetsAsync()).Single(d => d.Name == "n-mnist");

        Assert.Equal(DatasetChoice.StaticPartnerMissing, nmnist.State);
        Assert.True(nmnist.CanStart);
        Assert.False(nmnist.CanStartTransfer);
        Assert.Equal(60, nmnist.Samples);
        Assert.Equal("mnist", nmnist.Partner);
        Assert.Equal(Path.GetFullPath(_root.Path), nmnist.PartnerFolder);
        Assert.NotNull(nmnist.Problem);
        var warning = nmnist.TransferProblem("kt");
        Assert.Contains("'mnist'", warning);
        Assert.Contains(Path.GetFullPath(_root.Path), warning);
    }

    [Fact]
    public async Task With_mnist_beside_it_n_mnist_has_frames_to_prepare_and_the_transfer_methods_can_start()
    {
        ReleasedLayouts.NMnist(_root.Path, samplesPerClass: 3);
        ReleasedLayouts.Mnist(_root.Path, samplesPerClass: 3);

        var nmnist = (await Catalog().GetDatasetsAsync()).Single(d => d.Name == "n-mnist");

        Assert.Equal(DatasetChoice.FramesNotPrepared, nmnist.State);
        Assert.True(nmnist.CanStartTransfer);
        Assert.Null(nmnist.Problem);
        Assert.Null(nmnist.TransferProblem("kt"));
    }

    [Fact]
    public async Task A_dataset_copied_in_shows_up_when_asked_to_look_again()
    {
        var catalog = Catalog();
        Assert.Equal(DatasetChoice.NotFound, (await catalog.GetDatasetsAsync()).Single(d => d.Name == "n-mnist").State);

        ReleasedLayouts.NMnist(_root.Path, samplesPerClass: 2);

        // Cached for 30 s, unless refreshed.
        Assert.Equal(DatasetChoice.NotFound, (await catalog.GetDatasetsAsync()).Single(d => d.Name == "n-mnist").State);
        Assert.Equal(DatasetChoice.StaticPartnerMissing, (await catalog.GetDatasetsAsync(refresh: true)).Single(d => d.Name == "n-mnist").State);
    }

    [Theory]
    [InlineData("demo", 4, 12)]
    [InlineData("cep-dvs", 3, 9)]
    [InlineData("n-mnist", 5, 15)]
    [InlineData("dvs-gesture", 8, 24)]
    public void The_default_space_scales_T_to_the_datasets_timesteps(string dataset, int low, int high)
    {
        var space = SearchSpace.FromJson(Catalog().DefaultSpaceJson("baseline", [], dataset));

        var t = Assert.IsType<Search.Spaces.IntParameter>(space.Parameters.Single(p => p.Name == "T"));
        Assert.Equal((low, high), (t.Low, t.High));
    }

    [Fact]
    public void A_sweep_on_a_dataset_that_is_not_found_is_refused_on_the_dataset_field()
    {
        var request = new SweepRequest { Method = "baseline", Dataset = "n-mnist", Trials = 2, Epochs = 1 };

        var error = Assert.Throws<SweepRequestException>(() => Catalog().BuildSpec(request));

        Assert.Equal("dataset", error.Field);
        Assert.Contains("n-mnist is not found", error.Message);
        Assert.Contains(Path.GetFullPath(_root.Path), error.Message);
    }

    [Theory]
    [InlineData("trials", "{\"trials\": 0}")]
    [InlineData("parallel", "{\"parallel\": 0}")]
    [InlineData("gracePeriod", "{\"epochs\": 2, \"gracePeriod\": 3}")]
    [InlineData("pruner", "{\"pruner\": \"hyperband\"}")]
    public void A_value_out_of_range_is_refused_on_the_field_the_check_names(string field, string requestJson)
    {
        var request = System.Text.Json.JsonSerializer.Deserialize<SweepRequest>(requestJson, Contracts.SweepJson.Options)!;

        var error = Assert.Throws<SweepRequestException>(() => Catalog().BuildSpec(request));

        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + ":", error.Message);
    }

    [Fact]
    public void A_sweep_on_a_found_dataset_is_built_with_the_space_scaled_to_it()
    {
        ReleasedLayouts.NMnist(_root.Path, samplesPerClass: 2);
        var request = new SweepRequest { Method = "baseline", Dataset = "n-mnist", Trials = 2, Epochs = 1 };

        var spec = Catalog().BuildSpec(request);

        Assert.Equal("n-mnist", spec.Dataset);
        var t = Assert.IsType<Search.Spaces.IntParameter>(SearchSpace.FromJson(spec.SpaceJson).Parameters.Single(p => p.Name == "T"));
        Assert.Equal((5, 15), (t.Low, t.High));
    }

    [Fact]
    public void Transfer_methods_offer_only_datasets_with_a_static_partner_and_a_sweep_on_another_is_refused()
    {
        var methods = Catalog().Methods.ToDictionary(m => m.Name);

        Assert.Equal(DatasetCatalog.Names, methods["baseline"].TransferDatasets);
        Assert.Equal(DatasetCatalog.Names, methods["ssnn"].TransferDatasets);
        foreach (var transfer in new[] { "kt", "r2etl" })
        {
            Assert.True(methods[transfer].NeedsStaticImages);
            Assert.Equal(DatasetCatalog.Names.Where(n => n != "dvs-gesture"), methods[transfer].TransferDatasets);
        }
        var error = Assert.Throws<InvalidConfigException>(() =>
            SweepSpecBuilder.Build("kt", "dvs-gesture", "accuracy", 2, 1, "random", "none", 1, 1, null, [], 0));
        Assert.Equal("dataset", error.Key);
        Assert.Contains("dvs-gesture", error.Message);
        Assert.Contains("baseline", error.Message);
    }

    [Fact]
    public async Task The_dashboard_role_reads_dataset_states_from_its_own_data_root()
    {
        ReleasedLayouts.NMnist(_root.Path, samplesPerClass: 2);
        var settings = new SiloSettings { Role = SiloRole.Dashboard, DataRoot = _root.Path, Slots = [] };

        await using var app = DashboardHost.Build(settings);
        var catalog = app.Services.GetRequiredService<ISweepCatalog>();

        Assert.IsType<TrainerSweepCatalog>(catalog);
        Assert.Equal(_root.Path, app.Services.GetRequiredService<DatasetCatalog>().Locations.DataRoot);
        var nmnist = (await catalog.GetDatasetsAsync()).Single(d => d.Name == "n-mnist");
        Assert.Equal((DatasetChoice.StaticPartnerMissing, 40), (nmnist.State, nmnist.Samples));
    }
}
