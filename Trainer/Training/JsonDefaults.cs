using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snnsweep.Trainer.Training;

/// <summary>JSON settings for results and checkpoints: camelCase, enums as strings, NaN allowed (a layer that never ran has no firing rate).</summary>
public static class JsonDefaults
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
