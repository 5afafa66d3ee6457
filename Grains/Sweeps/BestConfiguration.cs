using System.Text.Json;
using Snnsweep.Grains.Contracts;

namespace Snnsweep.Grains.Sweeps;

/// <summary>
/// <c>best-config.json</c>: everything <c>train --config</c> needs to retrain the best trial exactly (method,
/// dataset, seed, epochs, every setting), plus what the sweep recorded for it and the command line. Written by
/// the sweep verb, the export verb and the dashboard's download, so all three give the same file.
/// </summary>
public sealed record BestConfiguration(
    string Method,
    string Dataset,
    int Seed,
    int Epochs,
    Dictionary<string, string> Settings,
    string Sweep,
    int Trial,
    Dictionary<string, double> Recorded,
    string Command)
{
    /// <summary>The command that retrains the configuration saved as <paramref name="fileName"/>.</summary>
    public static string RetrainCommand(string fileName) => $"dotnet run --project Silo -- train --config {fileName}";

    /// <summary>Null while the sweep has no completed trial.</summary>
    public static BestConfiguration? From(SweepSnapshot snapshot, string fileName = "best-config.json")
    {
        if (snapshot.Spec is not { } spec || snapshot.Best is not { } best) return null;
        var trial = snapshot.Trials.Single(t => t.Number == best);
        var settings = new Dictionary<string, string>(spec.Fixed);
        foreach (var (key, value) in trial.Parameters) settings[key] = value;
        return new BestConfiguration(spec.Method, spec.Dataset, spec.Seed, spec.Epochs, settings, snapshot.Id, best, trial.Metrics,
            RetrainCommand(fileName));
    }

    public string ToJson() => JsonSerializer.Serialize(this, SweepJson.Options);

    /// <exception cref="FormatException">The text is not a best-config.json; the message names <paramref name="source"/>.</exception>
    public static BestConfiguration FromJson(string json, string source)
    {
        try
        {
            var config = JsonSerializer.Deserialize<BestConfiguration>(json, SweepJson.Options) ?? throw new FormatException($"{source} is empty");
            if (string.IsNullOrWhiteSpace(config.Method)) throw new FormatException($"{source}: field 'method' is missing");
            if (string.IsNullOrWhiteSpace(config.Dataset)) throw new FormatException($"{source}: field 'dataset' is missing");
            return config with { Settings = config.Settings ?? [], Recorded = config.Recorded ?? [] };
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source} is not a best-config.json: {e.Message}", e);
        }
    }
}
