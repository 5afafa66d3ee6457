namespace Snnsweep.Search.Spaces;

/// <summary>
/// Parameters[0] >= Parameters[1] >= ... (or > when <paramref name="Strict"/>), e.g. stage timesteps
/// T1 >= T2 >= T3.
/// </summary>
public sealed record OrderingConstraint(IReadOnlyList<string> Parameters, bool Strict = false) : Constraint
{
    public override IReadOnlyList<string> ParameterNames => Parameters;

    public override string Describe() => string.Join(Strict ? " > " : " >= ", Parameters ?? []);

    /// <summary>Sorting the values into descending order keeps the marginal distribution of the set of values.</summary>
    public override Configuration Repair(Configuration configuration, SearchSpace space)
    {
        if (!AppliesTo(configuration) || Holds(configuration))
        {
            return configuration;
        }
        var sorted = Parameters.Select(name => configuration.GetNumber(name)).OrderByDescending(x => x).ToArray();
        var repaired = configuration;
        for (var i = 0; i < Parameters.Count; i++)
        {
            if (space[Parameters[i]].Check(sorted[i]) is not null)
            {
                return configuration;
            }
            repaired = repaired.With(Parameters[i], sorted[i]);
        }
        return repaired;
    }

    public override IEnumerable<string> DefinitionErrors(SearchSpace space)
    {
        if (Parameters is { Count: < 2 })
        {
            yield return $"ordering constraint {Describe()} needs at least two parameters";
        }
        foreach (var error in base.DefinitionErrors(space))
        {
            yield return error;
        }
    }

    protected override bool Holds(Configuration configuration)
    {
        for (var i = 1; i < Parameters.Count; i++)
        {
            var before = configuration.GetNumber(Parameters[i - 1]);
            var after = configuration.GetNumber(Parameters[i]);
            if (Strict ? !(before > after) : !(before >= after))
            {
                return false;
            }
        }
        return true;
    }
}
