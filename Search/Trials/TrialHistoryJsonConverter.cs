using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snnsweep.Search.Trials;

/// <summary>Writes a <see cref="TrialHistory"/> as a JSON array of trials.</summary>
public sealed class TrialHistoryJsonConverter : JsonConverter<TrialHistory>
{
    public override TrialHistory Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(JsonSerializer.Deserialize<List<Trial>>(ref reader, options) ?? []);

    public override void Write(Utf8JsonWriter writer, TrialHistory value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.ToList(), options);
}
