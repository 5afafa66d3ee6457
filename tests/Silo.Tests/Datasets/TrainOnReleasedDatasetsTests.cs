using System.CommandLine;
using System.Text.Json;
using Snnsweep.Silo.Cli;
using Snnsweep.Tests.DatasetFixtures;

namespace Snnsweep.Silo.Tests.Datasets;

/// <summary>
/// The path a researcher takes with a downloaded dataset: <c>train --method M --dataset D --data-root DIR --epochs 1</c>
/// through the real command line, on every event dataset in its released layout, with each dataset's own defaults
/// (frames, network, batch size). Only the output folder is chosen by the test.
/// </summary>
public sealed class TrainOnReleasedDatasetsTests(ReleasedDataRoot data) : IClassFixture<ReleasedDataRoot>
{
    private static async Task<(int ExitCode, JsonElement? Result, string Out)> Train(string dataRoot, string method, string dataset, params string[] extra)
    {
        var output = Directory.CreateTempSubdirectory("snnsweep-train-").FullName;
        var root = new RootCommand("test");
        CommandCatalog.AddAll(root);
        var code = await root.Parse(["train", "--method", method, "--dataset", dataset, "--data-root", dataRoot, "--epochs", "1", "--out", output, .. extra]).InvokeAsync();
        var resultPath = Path.Combine(output, "result.json");
        JsonElement? result = File.Exists(resultPath) ? JsonDocument.Parse(File.ReadAllText(resultPath)).RootElement.Clone() : null;
        return (code, result, output);
    }

    /// <summary>
    /// The baseline runs with every default of its dataset (VGGSNN where the papers use it); the transfer methods and
    /// ssnn substitute the small tiny-vgg3 network for the dataset's own, only to keep the suite short on two cores
    /// (their paths through data, pairing and static partners are the same whatever the network).
    /// </summary>
    public static TheoryData<string, string> MethodsOnDatasets => new()
    {
        { "baseline", "n-mnist" },
        { "baseline", "n-caltech101" },
        { "baseline", "cifar10-dvs" },
        { "baseline", "cifar10-dvs-tebn" },
        { "baseline", "dvs-gesture" },
        { "baseline", "n-omniglot" },
        { "baseline", "cep-dvs" },
        { "kt", "n-mnist" },
        { "kt", "n-caltech101" },
        { "kt", "cifar10-dvs" },
        { "kt", "n-omniglot" },
        { "kt", "cep-dvs" },
        { "r2etl", "n-mnist" },
        { "r2etl", "n-caltech101" },
        { "r2etl", "cifar10-dvs" },
        { "r2etl", "n-omniglot" },
        { "r2etl", "cep-dvs" },
        { "ssnn", "cifar10-dvs" },
    };

    [Theory]
    [MemberData(nameof(MethodsOnDatasets))]
    public async Task Train_runs_a_method_on_a_dataset_from_its_released_folder_with_the_datasets_defaults(string method, string dataset)
    {
        string[] smallNetwork = method == "baseline" ? [] : ["--set", "model.layers=tiny-vgg3"];

        var (code, result, _) = await Train(data.Root, method, dataset, smallNetwork);

        Assert.Equal(0, code);
        var document = Assert.NotNull(result);
        Assert.Equal(dataset, document.GetProperty("dataset").GetString());
        Assert.Equal(method, document.GetProperty("method").GetString());
        Assert.InRange(document.GetProperty("testAccuracy").GetDouble(), 0, 1);
        var report = document.GetProperty("data");
        var splits = report.GetProperty("splits").EnumerateArray().ToDictionary(s => s.GetProperty("split").GetString()!, s => s.GetProperty("used").GetInt32());
        Assert.All(splits.Values, used => Assert.True(used > 0));
        Assert.StartsWith(data.Root, report.GetProperty("folder").GetString());
        // The dataset's defaults, not the demo's, reached the run (e.g. VGGSNN at 48 x 48 for CIFAR10-DVS).
        var config = document.GetProperty("config");
        var expected = Trainer.Methods.TrainingMethods.DefaultConfig(method, dataset);
        Assert.Equal(expected.Timesteps, config.GetProperty("T").GetInt32());
        Assert.Equal(method == "baseline" ? expected.Layers : "tiny-vgg3", config.GetProperty("model.layers").GetString());
        Assert.Equal(expected.BatchSize, config.GetProperty("batchSize").GetInt32());
        Assert.Equal(expected.Loss.ToString().ToLowerInvariant(), config.GetProperty("loss").GetString());
        Assert.Equal(expected.FrameSize, config.GetProperty("data.size").GetInt32());
    }

    [Fact]
    public async Task A_transfer_method_on_a_dataset_without_a_static_partner_is_refused_by_name()
    {
        var (code, result, _) = await Train(data.Root, "kt", "dvs-gesture");

        Assert.Equal(2, code);
        Assert.Null(result);
    }

    [Fact]
    public async Task A_transfer_method_whose_partner_folder_is_missing_is_refused_before_training()
    {
        // Only N-MNIST here: its partner MNIST is not in this root.
        using var root = new TempDirectory();
        ReleasedLayouts.NMnist(root.Path, samplesPerClass: 2);

        var (code, result, _) = await Train(root.Path, "r2etl", "n-mnist");
        var baseline = await Train(root.Path, "baseline", "n-mnist");

        Assert.Equal(2, code);
        Assert.Null(result);
        Assert.Equal(0, baseline.ExitCode);
    }

    [Fact]
    public async Task A_dataset_that_is_not_there_is_refused_naming_the_folder_and_the_layout()
    {
        using var root = new TempDirectory();

        var (code, result, _) = await Train(root.Path, "baseline", "cifar10-dvs");

        Assert.Equal(2, code);
        Assert.Null(result);
    }
}
