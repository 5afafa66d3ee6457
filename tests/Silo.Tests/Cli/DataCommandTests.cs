using System.CommandLine;
using System.Text.Json;
using Snnsweep.Silo.Cli;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Data.Frames;

namespace Snnsweep.Silo.Tests.Cli;

/// <summary>The <c>data</c> verb, invoked in-process through the same catalog as the executable.</summary>
public sealed class DataCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "snnsweep-cli-" + Guid.NewGuid().ToString("N"));

    public DataCommandTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand("test");
        CommandCatalog.AddAll(root);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>ATIS 40-bit records: x, y, p | t[22:16], t[15:8], t[7:0].</summary>
    private static byte[] Atis(params (int X, int Y, int P, int T)[] events) =>
        events.SelectMany(e => new[] { (byte)e.X, (byte)e.Y, (byte)((e.P << 7) | (e.T >> 16)), (byte)(e.T >> 8), (byte)e.T }).ToArray();

    private string WriteNMnist(int perDigit, Func<int, int, byte[]>? content = null)
    {
        for (var digit = 0; digit < 10; digit++)
            for (var i = 1; i <= perDigit; i++)
            {
                var path = Path.Combine(_root, "N-MNIST", "Train", digit.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{digit * 100 + i:00000}.bin");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, content?.Invoke(digit, i) ?? Atis(Enumerable.Range(0, 40).Select(k => (k % 34, (k * 7) % 34, k % 2, 100 * k + digit)).ToArray()));
            }
        return _root;
    }

    [Fact]
    public void Inspect_prints_the_json_summary_of_a_generated_atis_file()
    {
        var file = Path.Combine(_root, "00001.bin");
        File.WriteAllBytes(file, Atis((7, 15, 1, 654), (19, 18, 0, 2999), (21, 17, 0, 3017), (3, 4, 1, 4000), (5, 6, 1, 5000), (33, 2, 0, 9000)));

        var (code, output, _) = Run("data", "inspect", file);

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var r = json.RootElement;
        Assert.Equal("atis", r.GetProperty("format").GetString());
        Assert.Equal(6, r.GetProperty("events").GetInt32());
        Assert.Equal((34, 19), (r.GetProperty("width").GetInt32(), r.GetProperty("height").GetInt32()));
        Assert.Equal((654, 9000), (r.GetProperty("tFirst").GetInt64(), r.GetProperty("tLast").GetInt64()));
        Assert.Equal((3, 3), (r.GetProperty("on").GetInt32(), r.GetProperty("off").GetInt32()));
        Assert.Equal(5, r.GetProperty("first").GetArrayLength());
        Assert.Equal([7L, 15, 1, 654], r.GetProperty("first")[0].EnumerateArray().Select(v => v.GetInt64()));
    }

    [SamplesFact]
    public void Inspect_decodes_the_real_aedat4_sample_without_a_format_hint()
    {
        var (code, output, _) = Run("data", "inspect", Path.Combine(SamplesFactAttribute.SamplesDirectory!, "aedat4", "tonic_sample.aedat4"));

        Assert.Equal(0, code);
        var r = JsonDocument.Parse(output).RootElement;
        Assert.Equal("aedat4", r.GetProperty("format").GetString());
        Assert.Equal(111954, r.GetProperty("events").GetInt32());
        Assert.Equal(1605537493718345, r.GetProperty("tFirst").GetInt64());
        Assert.Equal([154L, 204, 0, 1605537493718345], r.GetProperty("first")[0].EnumerateArray().Select(v => v.GetInt64()));
    }

    [Fact]
    public void Inspect_of_a_bad_file_prints_one_message_naming_file_and_offset_and_fails()
    {
        var file = Path.Combine(_root, "broken.bin");
        File.WriteAllBytes(file, [1, 2, 3, 4, 5, 6, 7]);

        var (code, output, error) = Run("data", "inspect", file, "--format", "atis");
        var sniffed = Run("data", "inspect", file);

        Assert.Equal(DataVerb.BadInput, code);
        Assert.Equal(DataVerb.BadInput, sniffed.ExitCode);
        Assert.Contains("--format", sniffed.Error);
        Assert.Empty(output);
        Assert.Contains("broken.bin", error);
        Assert.Contains("at byte 5", error);
        Assert.DoesNotContain("   at ", error); // no stack trace
    }

    [Fact]
    public void Inspect_with_a_wrong_or_unknown_format_fails_with_a_clear_message()
    {
        var file = Path.Combine(_root, "a.bin");
        File.WriteAllBytes(file, Atis((1, 1, 1, 1)));

        var wrong = Run("data", "inspect", file, "--format", "aedat4");
        var unknown = Run("data", "inspect", file, "--format", "jpeg");
        var missing = Run("data", "inspect", Path.Combine(_root, "none.bin"));

        Assert.Equal(DataVerb.BadInput, wrong.ExitCode);
        Assert.Contains("not an AEDAT 4.0 file", wrong.Error);
        Assert.Equal(DataVerb.BadInput, unknown.ExitCode);
        Assert.Contains("'jpeg'", unknown.Error);
        Assert.Equal(DataVerb.BadInput, missing.ExitCode);
        Assert.Contains("none.bin", missing.Error);
    }

    [Fact]
    public void Prepare_builds_the_frame_pack_training_reads_and_a_second_run_finds_it_ready()
    {
        var root = WriteNMnist(perDigit: 2);

        var first = Run("data", "prepare", "--dataset", "n-mnist", "--root", root, "--frames", "4");
        var second = Run("data", "prepare", "--dataset", "n-mnist", "--root", root, "--frames", "4");

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("20 of 20 samples", first.Output);
        Assert.Contains("20 integrated, 0 excluded", first.Output);
        Assert.Contains("already in", second.Output);
        Assert.Single(Directory.GetFiles(Path.Combine(root, ".snnsweep", "packs", "n-mnist"), "*.frames"));
        Assert.Contains("sj-number;T=4", first.Output);
        // What training opens with the same frames is this pack, not a second one.
        var splits = new DatasetCatalog(root).Open(new DatasetRequest("n-mnist", 4, FrameSlicing.EventCount, 0, WithStatic: false));
        Assert.Equal(20, splits.Train.Count + splits.Validation.Count + splits.Test.Count);
        Assert.Single(Directory.GetFiles(Path.Combine(root, ".snnsweep", "packs", "n-mnist"), "*.frames"));
    }

    [Fact]
    public void Prepare_refuses_a_slicing_whose_frame_count_varies_since_training_cannot_use_it()
    {
        var (code, _, error) = Run("data", "prepare", "--dataset", "n-mnist", "--root", WriteNMnist(1), "--method", "tonic-time-window", "--window-us", "1000");

        Assert.Equal(DataVerb.BadInput, code);
        Assert.Contains("fixed number of frames", error);
    }

    [Fact]
    public void Prepare_reports_a_corrupt_sample_and_still_prepares_the_others()
    {
        var root = WriteNMnist(perDigit: 2, (digit, i) => digit == 3 && i == 2 ? [1, 2, 3] : Atis((1, 1, 1, 10), (2, 2, 0, 20)));

        var (code, output, error) = Run("data", "prepare", "--dataset", "n-mnist", "--root", root, "--size", "16", "--align-corners", "false");

        Assert.Equal(DataVerb.SomeSamplesFailed, code);
        Assert.Contains("19 of 20 samples", output);
        Assert.Contains("00302.bin", error);
        Assert.Contains("at byte", error);
        Assert.Contains("excluded from train", error);
        Assert.Contains("resize=16x16:hp", output);
    }

    [Fact]
    public void Prepare_names_the_expected_layout_when_the_dataset_is_missing_and_lists_known_names_when_unknown()
    {
        var missing = Run("data", "prepare", "--dataset", "n-caltech101", "--root", _root);
        var unknown = Run("data", "prepare", "--dataset", "imagenet", "--root", _root);
        var badOption = Run("data", "prepare", "--dataset", "n-mnist", "--root", WriteNMnist(1), "--method", "fancy");

        Assert.Equal(DataVerb.BadInput, missing.ExitCode);
        Assert.Contains("Caltech101/<class>/image_NNNN.bin", missing.Error);
        Assert.Equal(DataVerb.BadInput, unknown.ExitCode);
        Assert.Contains("n-mnist", unknown.Error);
        Assert.Equal(DataVerb.BadInput, badOption.ExitCode);
        Assert.Contains("--method 'fancy'", badOption.Error);
    }

    [Fact]
    public void List_shows_every_dataset_with_its_layout()
    {
        var (code, output, _) = Run("data", "list");

        Assert.Equal(0, code);
        foreach (var name in new[] { "n-mnist", "n-caltech101", "cifar10-dvs", "dvs-gesture", "n-omniglot", "cep-dvs", "mnist", "caltech101", "omniglot", "cifar10" })
            Assert.Contains(name + " (", output);
        Assert.Contains("trials_to_train.txt", output);
    }
}
