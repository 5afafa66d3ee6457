using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snnsweep.Contracts;

/// <summary>The JSON shape of files people keep (best-config.json, exported specs): camelCase, indented, enums as text.</summary>
public static class SweepJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
