using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snnsweep.Common;

/// <summary>
/// The one JSON shape of every file the project writes for people and for itself: camelCase, indented, enums as text,
/// NaN allowed (a layer that never ran has no firing rate). A source file linked into the Trainer (results, checkpoints)
/// and the Contracts (sweep files), since no assembly is visible to both: the dashboard may not load the trainer.
/// </summary>
internal static class JsonFileOptions
{
    public static JsonSerializerOptions Create() => new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
