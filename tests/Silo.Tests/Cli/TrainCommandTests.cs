using System.CommandLine;
using System.Text.Json;
using Snnsweep.Silo.Cli;
using Spectre.Console;

namespace Snnsweep.Silo.Tests.Cli;

public sealed class TrainCommandTests : IDisposable
{
    // Shared across runs: the demo frames are simulated once and then read from this cache.
    private static readonly string SharedDataRoot = Path.Combine(Path.GetTempPath(), "snnsweep-tests-data");
    private readonly string _output = Directory.CreateTempSubdirectory("snnsweep-train-").FullName;
    private readonly StringWriter _text = new();
    private readonly IAnsiConsole _console;

    public TrainCommandTests()
    {
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(_text),
        });
        _console.Profile.Width = 200;
    }

    private static TrainVerb.Arguments Arguments(string output, IReadOnlyList<string> settings, string method = "baseline", int? epochs = 1) =>
        new(method, "demo", epochs, Seed: 3, settings, output, Threads: null, Device: "cpu", SharedDataRoot, ListKeys: false);

    private static readonly string[] TinySettings = ["data.trainSamples=64", "T=2", "model.layers=4C3-AP2-AP2", "batchSize=32"];

    [Theory]
    [InlineData("kt", "cifar10-dvs", "vggsnn", "48", "tet")]
    [InlineData("baseline", "n-omniglot", "15C5-AP2-40C5-AP2", "28", "crossentropy")]
    [InlineData("ssnn", "demo", "tiny-vgg3", "0", "crossentropy")]
    public async Task Keys_show_the_defaults_of_the_method_on_the_dataset(string method, string dataset, string layers, string size, string loss)
    {
        var args = new TrainVerb.Arguments(method, dataset, null, null, [], null, null, "cpu", null, ListKeys: true);

        var exit = await TrainVerb.RunAsync(args, _console, CancellationToken.None);

        Assert.Equal(0, exit);
        var lines = _text.ToString().Split('\n');
        Assert.Contains($"defaults of {method} on {dataset}", lines[0]);
        // Table rows: key | type | allowed | default | meaning.
        string Default(string key) => lines.Select(l => l.Split('│', '|').Select(c => c.Trim()).ToArray())
            .First(cells => cells.Length > 4 && cells[1] == key)[4];
        Assert.Equal(layers, Default("model.layers"));
        Assert.Equal(size, Default("data.size"));
        Assert.Equal(loss, Default("loss"));
    }

    [Fact]
    public async Task Train_on_demo_writes_result_json_with_the_documented_fields()
    {
        var exit = await TrainVerb.RunAsync(Arguments(_output, TinySettings), _console, CancellationToken.None);

        Assert.True(exit == 0, _text.ToString());
        using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "result.json")));
        var root = result.RootElement;
        Assert.Equal("baseline", root.GetProperty("method").GetString());
        Assert.Equal("demo", root.GetProperty("dataset").GetString());
        Assert.Equal(3, root.GetProperty("seed").GetInt32());
        Assert.Equal(1, root.GetProperty("epochs").GetInt32());
        Assert.Equal("4C3-AP2-AP2", root.GetProperty("config").GetProperty("model.layers").GetString());
        Assert.Equal(2, root.GetProperty("config").GetProperty("T").GetInt32());
        Assert.InRange(root.GetProperty("valAccuracy").GetDouble(), 0.0, 1.0);
        Assert.InRange(root.GetProperty("testAccuracy").GetDouble(), 0.0, 1.0);
        Assert.Equal(2.0, root.GetProperty("avgTimestep").GetDouble());
        Assert.True(root.GetProperty("secondsPerEpoch").GetDouble() > 0);
        Assert.True(root.GetProperty("samplesPerSecond").GetDouble() > 0);
        var curve = root.GetProperty("curve").EnumerateArray().ToArray();
        Assert.Single(curve);
        Assert.Equal(1, curve[0].GetProperty("epoch").GetInt32());
        Assert.True(curve[0].GetProperty("trainLoss").GetDouble() > 0);
        Assert.Equal(root.GetProperty("valAccuracy").GetDouble(), curve[0].GetProperty("valAccuracy").GetDouble());
        Assert.Contains("epoch 1/1", _text.ToString());
    }

    [Theory]
    [InlineData("kt", "alignmentLoss")]
    [InlineData("r2etl", "tcka")]
    [InlineData("ssnn", "earlyLoss1")]
    public async Task Each_method_trains_on_demo_and_writes_its_metrics(string method, string metric)
    {
        string[] settings = ["data.trainSamples=32", "data.valSamples=32", "data.staticSamples=200", "T=2", "model.layers=4C3-AP2-4C3-AP2", "batchSize=16",
            "ssnn.stages=2", "ssnn.T2=1", "data.epochSamples=32", "r2etl.bottleneck=8"];

        var exit = await TrainVerb.RunAsync(Arguments(_output, settings, method), _console, CancellationToken.None);

        Assert.True(exit == 0, _text.ToString());
        using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "result.json")));
        var root = result.RootElement;
        Assert.Equal(method, root.GetProperty("method").GetString());
        Assert.True(root.GetProperty("methodMetrics").TryGetProperty(metric, out _), root.GetProperty("methodMetrics").ToString());
        Assert.Equal(method == "ssnn" ? 1.5 : 2.0, root.GetProperty("avgTimestep").GetDouble());
        Assert.Equal(method == "kt" ? 2 : 0, root.GetProperty("coefficients").GetArrayLength());
        Assert.True(root.GetProperty("inferenceFiringRates").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Growing_ssnn_stage_timesteps_are_refused_before_training()
    {
        var exit = await TrainVerb.RunAsync(Arguments(_output, ["T=4", "ssnn.T2=6"], "ssnn"), _console, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("ssnn.T2: 6 exceeds T=4", _text.ToString());
    }

    [Fact]
    public async Task Rerunning_into_the_same_folder_resumes_from_the_checkpoint()
    {
        Assert.Equal(0, await TrainVerb.RunAsync(Arguments(_output, TinySettings, epochs: 1), _console, CancellationToken.None));

        var exit = await TrainVerb.RunAsync(Arguments(_output, TinySettings, epochs: 2), _console, CancellationToken.None);

        Assert.Equal(0, exit);
        using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(_output, "result.json")));
        Assert.Equal(1, result.RootElement.GetProperty("resumedFromEpoch").GetInt32());
        Assert.Equal(2, result.RootElement.GetProperty("curve").GetArrayLength());
    }

    [Theory]
    [InlineData("colour=blue", "unknown configuration key 'colour'")]
    [InlineData("lr=7e9", "lr: 7e9 is out of range")]
    [InlineData("neuron.reset=sometimes", "neuron.reset: 'sometimes' is not one of hard, soft")]
    [InlineData("lr", "'lr' is not of the form key=value")]
    public async Task Bad_settings_are_rejected_with_a_message_naming_them(string setting, string message)
    {
        var exit = await TrainVerb.RunAsync(Arguments(_output, [setting]), _console, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains(message, _text.ToString());
        Assert.False(File.Exists(Path.Combine(_output, "result.json")));
    }

    [Fact]
    public async Task An_unknown_method_is_rejected_listing_the_available_ones()
    {
        var exit = await TrainVerb.RunAsync(Arguments(_output, [], method: "magic"), _console, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("method 'magic' is not available; available: baseline, kt, ssnn, r2etl", _text.ToString());
    }

    [Fact]
    public async Task The_command_line_reaches_the_train_verb_and_reports_errors_by_exit_code()
    {
        var root = new RootCommand();
        CommandCatalog.AddAll(root);

        var exit = await root.Parse(["train", "--set", "nonsense=1", "--out", _output]).InvokeAsync();

        Assert.Equal(2, exit);
    }

    public void Dispose()
    {
        _text.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    [Fact]
    public async Task Cuda_on_a_machine_without_a_usable_gpu_is_refused_in_one_line_naming_the_way_out()
    {
        // This test machine runs TorchSharp-cpu, as CI does: no CUDA device is usable.
        var exit = await TrainVerb.RunAsync(Arguments(_output, TinySettings) with { Device = "cuda" }, _console, CancellationToken.None);

        var text = _text.ToString();
        Assert.Equal(2, exit);
        Assert.Contains("--device cuda: no CUDA device is usable in this process", text);
        Assert.Contains("--device cpu", text);
        Assert.DoesNotContain("   at ", text);
        Assert.False(File.Exists(Path.Combine(_output, "result.json")));
    }

    [Theory]
    [InlineData("gpu", 2, "'gpu' is not a device")]
    [InlineData("cuda:x", 2, "'cuda:x' is not a device")]
    [InlineData("cuda:2", 2, "this process sees 2 CUDA devices (cuda:0..cuda:1)")]
    [InlineData("cuda:1", 1, "this process sees 1 CUDA device (cuda:0)")]
    [InlineData("cuda", 0, "no CUDA device is usable")]
    public void A_device_this_process_cannot_train_on_is_named_with_what_it_can(string device, int visible, string expected)
    {
        Assert.Contains(expected, Snnsweep.Silo.Hosting.TrainingDevice.Problem(device, new FixedDevices(visible)));
    }

    [Theory]
    [InlineData("cpu", 0)]
    [InlineData("cuda", 1)]
    [InlineData("cuda:1", 2)]
    public void A_device_the_process_sees_is_accepted(string device, int visible)
    {
        Assert.Null(Snnsweep.Silo.Hosting.TrainingDevice.Problem(device, new FixedDevices(visible)));
    }

    private sealed class FixedDevices(int count) : Snnsweep.Silo.Hosting.IDeviceProbe
    {
        public int CudaDeviceCount() => count;
    }
}
