namespace Snnsweep.Trainer.Training;

/// <summary>
/// What a run is asked to train, before it is resolved into a <see cref="TrainingConfig"/> by
/// <see cref="TrainingConfigBuilder"/>: the same request whether it comes from <c>train</c>, a sweep trial or a
/// <c>best-config.json</c> retrain.
/// </summary>
public sealed record TrainingConfigRequest
{
    /// <summary>Training method (any case).</summary>
    public required string Method { get; init; }

    /// <summary>Dataset name (any case).</summary>
    public string Dataset { get; init; } = "demo";

    /// <summary>Which defaults the run starts from.</summary>
    public TrainingPreset Preset { get; init; } = TrainingPreset.Fast;

    /// <summary>
    /// Settings a previous run recorded (a <c>best-config.json</c>: its complete configuration, or for an older file
    /// its searched and fixed settings with seed and epochs), applied in schema order on top of the preset.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Recorded { get; init; }

    /// <summary>What the user (or the sweep: fixed and sampled values) set, key -&gt; value, applied in schema order after the recorded settings.</summary>
    public IReadOnlyDictionary<string, string>? Settings { get; init; }

    /// <summary>What the user typed as <c>key=value</c>, applied in the order given after <see cref="Settings"/>.</summary>
    public IReadOnlyList<string>? Assignments { get; init; }

    /// <summary>Epochs, when given, after every setting.</summary>
    public int? Epochs { get; init; }

    /// <summary>Seed, when given, after every setting.</summary>
    public int? Seed { get; init; }
}
