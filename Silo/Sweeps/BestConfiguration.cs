using System.Text.Json;
using Snnsweep.Grains.Contracts;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Silo.Sweeps;

/// <summary>
/// <c>best-config.json</c>: everything <c>train --config</c> needs to retrain the best trial exactly (method,
/// dataset, seed, epochs, every setting), plus what the sweep recorded for it and the command line.
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
    public static BestConfiguration? From(SweepSnapshot snapshot)
    {
        if (snapshot.Spec is not { } spec || snapshot.Best is not { } best) return null;
        var trial = snapshot.Trials.Single(t => t.Number == best);
        var settings = new Dictionary<string, string>(spec.Fixed);
        foreach (var (key, value) in trial.Parameters) settings[key] = value;
        return new BestConfiguration(spec.Method, spec.Dataset, spec.Seed, spec.Epochs, settings, snapshot.Id, best, trial.Metrics,
            "dotnet run --project Silo -- train --config best-config.json");
    }

    public static BestConfiguration Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<BestConfiguration>(File.ReadAllText(path), JsonDefaults.Options)
                ?? throw new InvalidConfigException("config", $"{path} is empty");
        }
        catch (JsonException e)
        {
            throw new InvalidConfigException("config", $"{path} is not a best-config.json: {e.Message}");
        }
    }

    public void Write(string path) => AtomicFile.Write(path, s => JsonSerializer.Serialize(s, this, JsonDefaults.Options));
}
