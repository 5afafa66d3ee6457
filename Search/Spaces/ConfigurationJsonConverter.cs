using System.Text.Json;
using System.Text.Json.Serialization;

namespace Snnsweep.Search.Spaces;

/// <summary>Writes a <see cref="Configuration"/> as a flat JSON object of name to number or string.</summary>
public sealed class ConfigurationJsonConverter : JsonConverter<Configuration>
{
    private static readonly ParameterValueJsonConverter ValueConverter = new();

    public override Configuration Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A configuration must be a JSON object of parameter names to values.");
        }
        var values = new List<KeyValuePair<string, ParameterValue>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString() ?? throw new JsonException("A parameter name is missing.");
            reader.Read();
            values.Add(new(name, ValueConverter.Read(ref reader, typeof(ParameterValue), options)));
        }
        return new Configuration(values);
    }

    public override void Write(Utf8JsonWriter writer, Configuration value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, parameterValue) in value)
        {
            writer.WritePropertyName(name);
            ValueConverter.Write(writer, parameterValue, options);
        }
        writer.WriteEndObject();
    }
}
