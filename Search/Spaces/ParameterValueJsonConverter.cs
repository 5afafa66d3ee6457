using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snnsweep.Search.Spaces;

/// <summary>Writes a <see cref="ParameterValue"/> as a bare JSON number or string.</summary>
public sealed class ParameterValueJsonConverter : JsonConverter<ParameterValue>
{
    public override ParameterValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Number => ParameterValue.Of(reader.GetDouble()),
            JsonTokenType.String => ParameterValue.Of(reader.GetString()!),
            JsonTokenType.True => ParameterValue.Of("true"),
            JsonTokenType.False => ParameterValue.Of("false"),
            _ => throw new JsonException($"A parameter value must be a number or a string, not {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, ParameterValue value, JsonSerializerOptions options)
    {
        if (value.IsNumber)
        {
            writer.WriteNumberValue(value.Number);
        }
        else
        {
            writer.WriteStringValue(value.Label);
        }
    }
}
