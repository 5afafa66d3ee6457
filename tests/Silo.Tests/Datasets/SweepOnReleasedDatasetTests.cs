using System.CommandLine;
using System.Text.Json;
using Snnsweep.Silo.Cli;
using Snnsweep.Tests.DatasetFixtures;

namespace Snnsweep.Silo.Tests.Datasets;

/// <summary>
/// A sweep on a downloaded dataset, as a researcher starts it: <c>sweep --dataset n-mnist --data-root DIR</c> through the
/// real command line, on the local embedded cluster, with the method's default space scaled to the dataset.
/// </summary>
public sealed class SweepOnReleasedDatasetTests
{
    private static async Task<int> Run(params string[] args)
    {
        var root = new RootCommand("test");
        CommandCatalog.AddAll(root);
        return await root.Parse(args).InvokeAsync();
    }

    [Fact]
    public async Task An_embedded_sweep_of_two_trials_trains_both_on_the_released_folder_and_records_their_data()
    {
        using var data = new TempDirectory();
        ReleasedLayouts.NMnist(data.Path, samplesPerClass: 4);
        ReleasedLayouts.Mnist(data.Path, samplesPerClass: 4);
        var output = Path.Combine(data.Path, "runs", "sweep-kt");

        var exit = await Run("sweep", "--method", "kt", "--dataset", "n-mnist", "--data-root", data.Path, "--trials", "2", "--parallel", "1",
            "--epochs", "1", "--sampler", "random", "--pruner", "none", "--out", output);

        Assert.Equal(0, exit);
        using var board = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "leaderboard.json")));
        var trials = board.RootElement.GetProperty("trials").EnumerateArray().ToArray();
        Assert.Equal(2, trials.Length);
        Assert.All(trials, t => Assert.Equal("completed", t.GetProperty("status").GetString()));
        var results = Directory.GetFiles(Path.Combine(data.Path, "sweeps", "sweep-kt"), "result.json", SearchOption.AllDirectories);
        Assert.Equal(2, results.Length);
        foreach (var path in results)
        {
            using var result = JsonDocument.Parse(File.ReadAllText(path));
            var root = result.RootElement;
            Assert.Equal("n-mnist", root.GetProperty("dataset").GetString());
            // The trial trained what train trains on this dataset: its frames (T = 10 by event count, scaled space 5..15
            // may change T) and kt's own defaults (TET with a detached reset), not a bare configuration.
            Assert.Equal("tet", root.GetProperty("config").GetProperty("loss").GetString());
            Assert.True(root.GetProperty("config").GetProperty("neuron.detachReset").GetBoolean());
            Assert.InRange(root.GetProperty("config").GetProperty("T").GetInt32(), 5, 15);
            Assert.Equal(4 * 10, root.GetProperty("data").GetProperty("splits").EnumerateArray().Where(s => s.GetProperty("split").GetString() != "test").Sum(s => s.GetProperty("used").GetInt32()));
        }
        // One pack per T the sweep drew: every trial of a setting read the same one.
        var packs = Directory.GetFiles(Path.Combine(data.Path, ".snnsweep", "packs", "n-mnist"), "*.frames");
        Assert.InRange(packs.Length, 1, 2);
    }

    [Fact]
    public async Task A_sweep_on_a_dataset_that_is_not_there_is_refused_before_it_starts()
    {
        using var data = new TempDirectory();

        var exit = await Run("sweep", "--method", "baseline", "--dataset", "cifar10-dvs", "--data-root", data.Path, "--trials", "2", "--out", Path.Combine(data.Path, "out"));

        Assert.Equal(2, exit);
        Assert.False(File.Exists(Path.Combine(data.Path, "out", "sweep.db")));
    }
}
