using System.Collections;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Serialization;

namespace Snnsweep.Search.Spaces;

/// <summary>
/// One point of a search space: the values of its active parameters, by name. Two configurations are
/// equal when they hold the same names with the same values, which is what duplicate detection relies on.
/// </summary>
[JsonConverter(typeof(ConfigurationJsonConverter))]
public sealed class Configuration : IReadOnlyDictionary<string, ParameterValue>, IEquatable<Configuration>
{
    private readonly ImmutableSortedDictionary<string, ParameterValue> _values;
    private readonly int _hash;

    public Configuration(IEnumerable<KeyValuePair<string, ParameterValue>> values)
    {
        _values = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, values);
        var hash = new HashCode();
        foreach (var (name, value) in _values)
        {
            hash.Add(name, StringComparer.Ordinal);
            hash.Add(value);
        }
        _hash = hash.ToHashCode();
    }

    public static Configuration Empty { get; } = new([]);

    public ParameterValue this[string key] => _values[key];

    public IEnumerable<string> Keys => _values.Keys;

    public IEnumerable<ParameterValue> Values => _values.Values;

    public int Count => _values.Count;

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, out ParameterValue value) => _values.TryGetValue(key, out value);

    public double GetNumber(string name) => _values[name].Number;

    public int GetInt(string name) => checked((int)Math.Round(_values[name].Number));

    public string GetLabel(string name) => _values[name].Label;

    public Configuration With(string name, ParameterValue value) => new(_values.SetItem(name, value));

    public Configuration Without(string name) => new(_values.Remove(name));

    public IEnumerator<KeyValuePair<string, ParameterValue>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(Configuration? other)
    {
        if (other is null || other._hash != _hash || other.Count != Count)
        {
            return false;
        }
        foreach (var (name, value) in _values)
        {
            if (!other._values.TryGetValue(name, out var theirs) || !theirs.Equals(value))
            {
                return false;
            }
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as Configuration);

    public override int GetHashCode() => _hash;

    public override string ToString()
    {
        var text = new StringBuilder("{");
        foreach (var (name, value) in _values)
        {
            if (text.Length > 1)
            {
                text.Append(", ");
            }
            text.Append(name).Append('=').Append(value);
        }
        return text.Append('}').ToString();
    }
}
