using System.Collections;
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
    // Sorted by ordinal name: cheap to build (samplers build thousands of candidates per proposal), and
    // two equal configurations hold identical arrays, so equality is a linear scan.
    private readonly KeyValuePair<string, ParameterValue>[] _entries;
    private readonly int _hash;

    public Configuration(IEnumerable<KeyValuePair<string, ParameterValue>> values)
    {
        _entries = values.ToArray();
        Array.Sort(_entries, (a, b) => string.CompareOrdinal(a.Key, b.Key));
        var hash = new HashCode();
        for (var i = 0; i < _entries.Length; i++)
        {
            if (i > 0 && _entries[i - 1].Key == _entries[i].Key)
            {
                throw new ArgumentException($"Parameter '{_entries[i].Key}' is given twice.", nameof(values));
            }
            hash.Add(_entries[i].Key, StringComparer.Ordinal);
            hash.Add(_entries[i].Value);
        }
        _hash = hash.ToHashCode();
    }

    public static Configuration Empty { get; } = new([]);

    public ParameterValue this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The configuration has no parameter '{key}'.");

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<ParameterValue> Values => _entries.Select(e => e.Value);

    public int Count => _entries.Length;

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out ParameterValue value)
    {
        var index = IndexOf(key);
        value = index >= 0 ? _entries[index].Value : default;
        return index >= 0;
    }

    public double GetNumber(string name) => this[name].Number;

    public int GetInt(string name) => checked((int)Math.Round(this[name].Number));

    public string GetLabel(string name) => this[name].Label;

    public Configuration With(string name, ParameterValue value) =>
        new(_entries.Where(e => e.Key != name).Append(new KeyValuePair<string, ParameterValue>(name, value)));

    public IEnumerator<KeyValuePair<string, ParameterValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, ParameterValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(Configuration? other)
    {
        if (other is null || other._hash != _hash || other._entries.Length != _entries.Length)
        {
            return false;
        }
        for (var i = 0; i < _entries.Length; i++)
        {
            if (other._entries[i].Key != _entries[i].Key || !other._entries[i].Value.Equals(_entries[i].Value))
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
        foreach (var (name, value) in _entries)
        {
            if (text.Length > 1)
            {
                text.Append(", ");
            }
            text.Append(name).Append('=').Append(value);
        }
        return text.Append('}').ToString();
    }

    private int IndexOf(string key)
    {
        int low = 0, high = _entries.Length - 1;
        while (low <= high)
        {
            var middle = (low + high) >> 1;
            var comparison = string.CompareOrdinal(_entries[middle].Key, key);
            if (comparison == 0)
            {
                return middle;
            }
            if (comparison < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return -1;
    }
}
