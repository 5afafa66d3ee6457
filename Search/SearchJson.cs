using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snnsweep.Search;

/// <summary>The one set of JSON options for everything this library persists, so exports read back as written.</summary>
public static class SearchJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}
