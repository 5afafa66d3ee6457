namespace Snnsweep.Search.Spaces;

/// <summary>The JSON shape of a <see cref="SearchSpace"/>.</summary>
public sealed record SearchSpaceDocument(IReadOnlyList<Parameter>? Parameters, IReadOnlyList<Constraint>? Constraints);
