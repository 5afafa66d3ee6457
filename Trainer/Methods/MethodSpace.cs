namespace Snnsweep.Trainer.Methods;

/// <summary>A method's default search space: knobs (configuration keys with ranges) and the constraints between them.</summary>
public sealed record MethodSpace(IReadOnlyList<MethodParameter> Parameters, IReadOnlyList<MethodConstraint> Constraints)
{
    public MethodParameter this[string name] => Parameters.Single(p => p.Name == name);
}
