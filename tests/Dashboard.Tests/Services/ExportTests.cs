using System.Text.Json;
using Snnsweep.Dashboard.Services;
using Snnsweep.Contracts;
using static Snnsweep.Dashboard.Tests.Components.Snapshots;

namespace Snnsweep.Dashboard.Tests.Services;

public sealed class ExportTests
{
    [Fact]
    public void The_best_configuration_merges_fixed_settings_with_the_best_trials_parameters()
    {
        var snapshot = Sweep("sweep-a", SweepStatus.Completed,
            [Trial(0, TrialStatus.Completed, 0.6, lr: "0.01"), Trial(1, TrialStatus.Completed, 0.8, lr: "0.002", loss: "crossentropy")], best: 1);

        var json = JsonDocument.Parse(BestConfiguration.From(snapshot, "sweep-a-best-config.json")!.ToJson()).RootElement;

        Assert.Equal("baseline", json.GetProperty("method").GetString());
        Assert.Equal("demo", json.GetProperty("dataset").GetString());
        Assert.Equal(3, json.GetProperty("seed").GetInt32());
        Assert.Equal(4, json.GetProperty("epochs").GetInt32());
        Assert.Equal(1, json.GetProperty("trial").GetInt32());
        var settings = json.GetProperty("settings");
        Assert.Equal("0.002", settings.GetProperty("lr").GetString());
        Assert.Equal("crossentropy", settings.GetProperty("loss").GetString());
        Assert.Equal("64", settings.GetProperty("data.trainSamples").GetString());
        Assert.Equal(0.8, json.GetProperty("recorded").GetProperty("valAccuracy").GetDouble());
        Assert.Equal("dotnet run --project Silo -- train --config sweep-a-best-config.json", json.GetProperty("command").GetString());
    }

    [Fact]
    public void The_best_configuration_records_the_best_trials_complete_configuration_and_the_sweeps_preset()
    {
        var snapshot = Sweep("sweep-p", SweepStatus.Completed, [Trial(0, TrialStatus.Completed, 0.6, lr: "0.002")], best: 0) with
        {
            Spec = Spec() with { Preset = "paper" },
            BestConfig = new() { ["lr"] = "0.002", ["loss"] = "tet", ["T"] = "8", ["seed"] = "3", ["epochs"] = "4" },
        };

        var json = JsonDocument.Parse(BestConfiguration.From(snapshot)!.ToJson()).RootElement;
        var read = BestConfiguration.FromJson(json.GetRawText(), "best-config.json");

        Assert.Equal("paper", json.GetProperty("preset").GetString());
        Assert.Equal("8", json.GetProperty("config").GetProperty("T").GetString());
        Assert.Equal(snapshot.BestConfig, read.Config);
        Assert.Equal(snapshot.BestConfig, read.RecordedSettings());
    }

    [Fact]
    public void A_best_configuration_written_before_presets_and_complete_configurations_reads_as_fast_with_its_settings()
    {
        var read = BestConfiguration.FromJson("""
            {"method": "kt", "dataset": "demo", "seed": 2, "epochs": 3, "settings": {"lr": "0.01"}, "sweep": "s", "trial": 0,
             "recorded": {"valAccuracy": 0.5}, "command": "dotnet run --project Silo -- train --config best-config.json"}
            """, "old.json");

        Assert.Equal("fast", read.Preset);
        Assert.Null(read.Config);
        Assert.Equal(new Dictionary<string, string> { ["lr"] = "0.01", ["seed"] = "2", ["epochs"] = "3" }, read.RecordedSettings());
    }

    [Fact]
    public void The_best_configuration_reads_back_what_it_wrote()
    {
        var snapshot = Sweep("s", SweepStatus.Completed, [Trial(0, TrialStatus.Completed, 0.6)], best: 0);
        var written = BestConfiguration.From(snapshot)!;

        var read = BestConfiguration.FromJson(written.ToJson(), "best-config.json");

        Assert.Equal(written.Settings, read.Settings);
        Assert.Equal(written with { Settings = read.Settings, Recorded = read.Recorded, Config = read.Config }, read);
    }

    [Fact]
    public void A_file_that_is_not_a_best_configuration_is_refused_by_name()
    {
        var e = Assert.Throws<FormatException>(() => BestConfiguration.FromJson("""{"epochs": 3}""", "my.json"));
        Assert.Contains("my.json", e.Message);
        Assert.Contains("method", e.Message);
    }

    [Fact]
    public void The_trials_csv_has_one_column_per_parameter_and_metric_and_quotes_what_needs_it()
    {
        var snapshot = Sweep("s", SweepStatus.Running,
        [
            Trial(0, TrialStatus.Failed, error: "NaN loss, \"diverged\""),
            Trial(1, TrialStatus.Completed, 0.75, avgTimestep: 5),
        ]);

        var lines = TrialsCsv.Write(snapshot).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("trial,status,epochs,attempts,loss,lr,avgTimestep,valAccuracy,started,ended,error", lines[0]);
        Assert.StartsWith("1,completed,2,1,tet,0.001,5,0.75,", lines[1]);
        Assert.StartsWith("0,failed,", lines[2]);
        Assert.EndsWith(",\"NaN loss, \"\"diverged\"\"\"", lines[2]);
    }

    [Fact]
    public void Trials_csv_cells_that_a_spreadsheet_would_run_as_formulas_are_prefixed_with_an_apostrophe()
    {
        var snapshot = Sweep("sweep-csv", SweepStatus.Completed,
            [Trial(0, TrialStatus.Failed, 0.5, lr: "=HYPERLINK(\"http://evil.example\")", loss: "@SUM(A1)", error: "+cmd|' /C calc'!A0"),
             Trial(1, TrialStatus.Failed, 0.25, lr: "-2+3", loss: "\tx", error: "\r=1")]);

        var csv = TrialsCsv.Write(snapshot);

        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", csv);
        Assert.Contains(",'@SUM(A1),", csv);
        Assert.Contains(",'+cmd|' /C calc'!A0", csv);
        Assert.Contains(",'-2+3,", csv);
        Assert.Contains(",'\tx,", csv);
        Assert.Contains("\"'\r=1\"", csv);
        // Numbers we write ourselves (negative metrics included) stay numbers.
        Assert.Equal("-0.5", TrialsCsv.Defuse("-0.5"));
        Assert.Equal("1e-05", TrialsCsv.Defuse("1e-05"));
    }

    [Fact]
    public void An_exported_spec_imports_back_to_the_same_request_with_the_space_inline()
    {
        var request = SweepRequest.From(Spec(twoObjectives: true) with { GracePeriod = 2, Preset = "paper" }, "clone-me");

        var json = request.ToJson();
        var back = SweepRequest.FromJson(json, "spec.json");

        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(json).RootElement.GetProperty("space").ValueKind);
        Assert.Equal("accuracy,avgTimestep", back.Objective);
        Assert.Equal("data.trainSamples=64", back.Fixed);
        Assert.Equal(2, back.GracePeriod);
        Assert.Equal("paper", back.Preset);
        Assert.Equal("paper", JsonDocument.Parse(json).RootElement.GetProperty("preset").GetString());
        Assert.Equal((request.Trials, request.Parallel, request.Sampler, request.Pruner, request.Seed, request.Epochs, request.Retries),
            (back.Trials, back.Parallel, back.Sampler, back.Pruner, back.Seed, back.Epochs, back.Retries));
        Assert.Equal(Search.Spaces.SearchSpace.FromJson(request.SpaceJson).ToJson(), Search.Spaces.SearchSpace.FromJson(back.SpaceJson).ToJson());
    }

    [Fact]
    public void Importing_something_that_is_not_a_spec_names_the_file()
    {
        var e = Assert.Throws<SweepRequestException>(() => SweepRequest.FromJson("[1, 2]", "notes.json"));
        Assert.Equal("import", e.Field);
        Assert.Contains("notes.json", e.Message);
    }
}
