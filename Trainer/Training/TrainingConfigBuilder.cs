using System.Globalization;
using Snnsweep.Trainer.Methods;

namespace Snnsweep.Trainer.Training;

/// <summary>
/// The one place a run's configuration is resolved, for <c>train</c>, sweep trials, <c>train --config</c> retrains
/// and the sweep builder's check of fixed settings, in this order: the dataset's defaults and the method's
/// (<see cref="ITrainingMethod.WithDefaults"/>), the preset (<see cref="ITrainingMethod.WithPaperSettings"/> for
/// <see cref="TrainingPreset.Paper"/>), the recorded settings, the user's settings, epochs and seed, then the
/// method's <see cref="ITrainingMethod.Validate"/>.
/// </summary>
public static class TrainingConfigBuilder
{
    /// <summary>The presets by their names on the command line and in files.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = Enum.GetNames<TrainingPreset>().Select(n => n.ToLowerInvariant()).ToArray();

    /// <summary>The resolved and validated configuration; throws <see cref="InvalidConfigException"/> naming the offending key.</summary>
    public static TrainingConfig Build(TrainingConfigRequest request) => Build(request, Method(request.Method));

    /// <summary>
    /// As <see cref="Build(TrainingConfigRequest)"/> with <paramref name="method"/> standing for the named method
    /// (its defaults, paper settings and checks).
    /// </summary>
    public static TrainingConfig Build(TrainingConfigRequest request, ITrainingMethod method)
    {
        var config = Resolve(request, method);
        method.Validate(config);
        return config;
    }

    /// <summary>
    /// The configuration without the method's cross-key checks: what a sweep's fixed settings give before the
    /// searched keys are chosen (e.g. a fixed <c>T</c> that only some searched <c>ssnn.T2</c> satisfy).
    /// </summary>
    public static TrainingConfig Resolve(TrainingConfigRequest request) => Resolve(request, Method(request.Method));

    /// <inheritdoc cref="Resolve(TrainingConfigRequest)"/>
    public static TrainingConfig Resolve(TrainingConfigRequest request, ITrainingMethod method)
    {
        var dataset = request.Dataset.Trim().ToLowerInvariant();
        if (!Data.DatasetCatalog.IsKnown(dataset))
            throw new InvalidConfigException("dataset", $"dataset '{request.Dataset}' is not known; available: {string.Join(", ", Data.DatasetCatalog.Names)}");
        var config = TrainingMethods.DefaultConfig(method, dataset);
        if (request.Preset == TrainingPreset.Paper) config = method.WithPaperSettings(config);
        if (request.Recorded is { } recorded) config = TrainingConfigSchema.Apply(config, recorded);
        if (request.Settings is { } settings) config = TrainingConfigSchema.Apply(config, settings);
        if (request.Assignments is { } assignments) config = TrainingConfigSchema.Apply(config, assignments);
        if (request.Epochs is { } epochs) config = TrainingConfigSchema.Apply(config, "epochs", epochs.ToString(CultureInfo.InvariantCulture));
        if (request.Seed is { } seed) config = TrainingConfigSchema.Apply(config, "seed", seed.ToString(CultureInfo.InvariantCulture));
        // The preset and a recorded file may name the method or dataset in any case; the run is the definition's.
        return config with { Method = method.Name, Dataset = dataset };
    }

    /// <summary>
    /// Every key of <see cref="TrainingConfigSchema.Describe"/> with its value as text that reads back exactly
    /// (doubles round-trip): what <c>best-config.json</c> records, so that applying it to any starting
    /// configuration of the same method gives <paramref name="config"/> again, whatever the defaults are by then.
    /// </summary>
    public static Dictionary<string, string> Record(TrainingConfig config) =>
        TrainingConfigSchema.Describe(config).ToDictionary(kv => kv.Key, kv => Format(kv.Value));

    /// <summary><c>fast</c> or <c>paper</c> (any case; null or empty is <c>fast</c>).</summary>
    /// <exception cref="InvalidConfigException">Another name; the key is <c>preset</c>.</exception>
    public static TrainingPreset ParsePreset(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return TrainingPreset.Fast;
        foreach (var preset in Enum.GetValues<TrainingPreset>())
        {
            if (string.Equals(preset.ToString(), name.Trim(), StringComparison.OrdinalIgnoreCase)) return preset;
        }
        throw new InvalidConfigException("preset", $"preset: '{name}' is not one of {string.Join(", ", PresetNames)}");
    }

    /// <summary>The preset's name on the command line and in files (<c>fast</c>, <c>paper</c>).</summary>
    public static string PresetName(TrainingPreset preset) => preset.ToString().ToLowerInvariant();

    private static ITrainingMethod Method(string name) =>
        TrainingMethods.All.FirstOrDefault(m => string.Equals(m.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidConfigException("method", $"method '{name}' is not available; available: {string.Join(", ", TrainingMethods.Names)}");

    private static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
