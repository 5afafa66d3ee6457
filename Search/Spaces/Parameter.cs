using System.Text.Json.Serialization;

namespace Snnsweep.Search.Spaces;

/// <summary>
/// One dimension of a search space. Every parameter maps the unit interval onto its domain
/// (<see cref="FromUnit"/>) and back (<see cref="ToUnit"/>), which is the common ground on which the
/// quasi-random, TPE and GP samplers work; log scales and integer steps live only in these two maps.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(FloatParameter), "float")]
[JsonDerivedType(typeof(IntParameter), "int")]
[JsonDerivedType(typeof(CategoricalParameter), "categorical")]
public abstract record Parameter(string Name)
{
    /// <summary>When set, the parameter exists only for the given values of another parameter.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ParameterCondition? Condition { get; init; }

    /// <summary>The number of distinct values, or null for a continuous domain.</summary>
    [JsonIgnore]
    public abstract int? Cardinality { get; }

    /// <summary>Maps u in [0, 1] to a value; equal-length pieces of the interval map to each discrete value.</summary>
    public abstract ParameterValue FromUnit(double u);

    /// <summary>Maps a value into [0, 1]; discrete values map to the centre of their piece.</summary>
    public abstract double ToUnit(ParameterValue value);

    /// <summary>Null when the value belongs to the domain, otherwise a message naming the parameter.</summary>
    public abstract string? Check(ParameterValue value);

    /// <summary>Problems with the definition itself, each naming the parameter.</summary>
    public virtual IEnumerable<string> DefinitionErrors()
    {
        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return "a parameter has an empty name";
        }
        if (Condition is { } condition)
        {
            if (condition.Parent == Name)
            {
                yield return $"parameter '{Name}' is conditioned on itself";
            }
            if (condition.Values is null || condition.Values.Count == 0)
            {
                yield return $"parameter '{Name}': its condition on '{condition.Parent}' lists no values";
            }
        }
    }

    protected static double ClampUnit(double u) => double.IsNaN(u) ? 0.5 : Math.Clamp(u, 0, 1);
}
