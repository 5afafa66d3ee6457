using System.Text.Json.Serialization;

namespace Snnsweep.Search.Spaces;

/// <summary>
/// A relation between numeric parameters that every suggestion must satisfy, over the parameters that
/// are active in the configuration (see each constraint for what happens when some are not).
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(OrderingConstraint), "ordering")]
[JsonDerivedType(typeof(LinearConstraint), "linear")]
public abstract record Constraint
{
    [JsonIgnore]
    public abstract IReadOnlyList<string> ParameterNames { get; }

    public virtual bool AppliesTo(Configuration configuration) => ParameterNames.All(configuration.ContainsKey);

    public bool IsSatisfiedBy(Configuration configuration) => !AppliesTo(configuration) || Holds(configuration);

    /// <summary>A nearby configuration that satisfies this constraint, or the input when none is cheap to find.</summary>
    public virtual Configuration Repair(Configuration configuration, SearchSpace space) => configuration;

    public abstract string Describe();

    public virtual IEnumerable<string> DefinitionErrors(SearchSpace space)
    {
        if (ParameterNames is null || ParameterNames.Count == 0)
        {
            yield return $"constraint {Describe()} names no parameters";
            yield break;
        }
        foreach (var name in ParameterNames)
        {
            if (!space.Contains(name))
            {
                yield return $"constraint {Describe()} names unknown parameter '{name}'";
            }
            else if (space[name] is CategoricalParameter)
            {
                yield return $"constraint {Describe()} names categorical parameter '{name}'; constraints relate numbers";
            }
        }
    }

    protected abstract bool Holds(Configuration configuration);
}
