namespace Snnsweep.Trainer.Training;

/// <summary>One settable knob of <see cref="TrainingConfig"/>: its name, what values it takes, and how to read and set it.</summary>
/// <param name="Name">The key as written on the command line and in exported configurations (e.g. <c>neuron.tau</c>).</param>
/// <param name="Type">float, int, bool, string or one of a list.</param>
/// <param name="Allowed">The accepted values in words (a range or a list).</param>
/// <param name="Description">What the knob does.</param>
/// <param name="Get">Reads the value as a JSON-friendly object.</param>
/// <param name="Set">Parses, validates and applies a textual value; throws <see cref="InvalidConfigException"/>.</param>
public sealed record ConfigKey(
    string Name,
    string Type,
    string Allowed,
    string Description,
    Func<TrainingConfig, object> Get,
    Func<TrainingConfig, string, TrainingConfig> Set);
