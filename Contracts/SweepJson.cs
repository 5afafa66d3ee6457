using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snnsweep.Contracts;

/// <summary>The JSON shape of files people keep (best-config.json, leaderboard.json, exported specs): camelCase, indented, enums as text.</summary>
/// <remarks>
/// The trainer writes its results and checkpoints in the same shape with <c>Trainer.Training.JsonDefaults</c>, a deliberate
/// second copy: the dashboard may not reference the trainer, nor the trainer the contracts. ArchitectureTests holds the
/// two to one shape.
/// </remarks>
public static class SweepJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
