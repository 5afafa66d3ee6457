namespace Snnsweep.Search.Spaces;

/// <summary>An unordered choice (surrogate gradient, CKA kernel, encoding); no sampler assumes an order.</summary>
public sealed record CategoricalParameter(string Name, IReadOnlyList<ParameterValue> Choices) : Parameter(Name)
{
    public override int? Cardinality => Choices.Count;

    public int IndexOf(ParameterValue value)
    {
        for (var i = 0; i < Choices.Count; i++)
        {
            if (Choices[i].Equals(value))
            {
                return i;
            }
        }
        return -1;
    }

    public override ParameterValue FromUnit(double u) =>
        Choices[Math.Min(Choices.Count - 1, (int)Math.Floor(ClampUnit(u) * Choices.Count))];

    public override double ToUnit(ParameterValue value) => (IndexOf(value) + 0.5) / Choices.Count;

    public override string? Check(ParameterValue value) =>
        IndexOf(value) < 0
            ? $"parameter '{Name}' = '{value}' is not one of {{{string.Join(", ", Choices)}}}"
            : null;

    public override IEnumerable<string> DefinitionErrors()
    {
        foreach (var error in base.DefinitionErrors())
        {
            yield return error;
        }
        if (Choices is null || Choices.Count == 0)
        {
            yield return $"parameter '{Name}' has no choices";
            yield break;
        }
        if (Choices.Distinct().Count() != Choices.Count)
        {
            yield return $"parameter '{Name}' lists a choice twice";
        }
    }
}
