using System.Text.Json;

namespace Snnsweep.Contracts;

/// <summary>
/// <c>best-config.json</c>: everything <c>train --config</c> needs to retrain the best trial exactly (method,
/// dataset, seed, epochs, preset, the searched and fixed settings, and <see cref="Config"/>: every configuration
/// key with the value the trial trained with), plus what the sweep recorded for it and the command line. Written by
/// the sweep verb, the export verb and the dashboard's download, so all three give the same file.
/// </summary>
/// <remarks>
/// A retrain applies <see cref="Config"/> when the file has it, so a later change of the defaults cannot change
/// what it trains; a file written before it existed (no <c>config</c>, no <c>preset</c>) applies its settings
/// on the fast defaults as it always did.
/// </remarks>
/// <param name="Settings">The sweep's fixed settings and the trial's sampled parameters (what was chosen).</param>
/// <param name="Preset">The defaults the trials started from (<c>fast</c> or <c>paper</c>).</param>
/// <param name="Config">The trial's complete resolved configuration (key -&gt; value); null in older files.</param>
public sealed record BestConfiguration(
    string Method,
    string Dataset,
    int Seed,
    int Epochs,
    Dictionary<string, string> Settings,
    string Sweep,
    int Trial,
    Dictionary<string, double> Recorded,
    string Command,
    string Preset = "fast",
    Dictionary<string, string>? Config = null)
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
        var config = snapshot.BestConfig is { Count: > 0 } resolved ? new Dictionary<string, string>(resolved) : null;
        return new BestConfiguration(spec.Method, spec.Dataset, spec.Seed, spec.Epochs, settings, snapshot.Id, best, trial.Metrics,
            RetrainCommand(fileName), spec.EffectivePreset, config);
    }

    /// <summary>
    /// What a retrain applies on top of the preset: the complete configuration when recorded, else the settings;
    /// then the file's seed and epochs (fields a person may edit).
    /// </summary>
    public Dictionary<string, string> RecordedSettings()
    {
        var recorded = new Dictionary<string, string>(Config is { Count: > 0 } ? Config : Settings);
        recorded["seed"] = Seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        recorded["epochs"] = Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return recorded;
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
            return config with { Settings = config.Settings ?? [], Recorded = config.Recorded ?? [], Preset = string.IsNullOrWhiteSpace(config.Preset) ? "fast" : config.Preset };
        }
        catch (JsonException e)
        {
            throw new FormatException($"{source} is not a best-config.json: {e.Message}", e);
        }
    }
}
