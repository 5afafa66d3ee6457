namespace Snnsweep.Trainer.Methods;

/// <summary>A method's default search space: knobs (configuration keys with ranges) and the constraints between them.</summary>
public sealed record SearchSpace(IReadOnlyList<SearchParameter> Parameters, IReadOnlyList<SearchConstraint> Constraints)
{
    public SearchParameter this[string name] => Parameters.Single(p => p.Name == name);
}
