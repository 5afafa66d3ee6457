namespace Snnsweep.Search.Spaces;

/// <summary>
/// Parameters[0] >= Parameters[1] >= ... (or > when <paramref name="Strict"/>), e.g. stage timesteps
/// T1 >= T2 >= T3. Inactive parameters drop out of the chain: with two stages, T1 >= T2 still holds.
/// </summary>
public sealed record OrderingConstraint(IReadOnlyList<string> Parameters, bool Strict = false) : Constraint
{
    public override IReadOnlyList<string> ParameterNames => Parameters;

    public override string Describe() => string.Join(Strict ? " > " : " >= ", Parameters ?? []);

    public override bool AppliesTo(Configuration configuration) => Parameters.Count(configuration.ContainsKey) >= 2;

    /// <summary>Sorting the values into descending order keeps the marginal distribution of the set of values.</summary>
    public override Configuration Repair(Configuration configuration, SearchSpace space)
    {
        if (!AppliesTo(configuration) || Holds(configuration))
        {
            return configuration;
        }
        var present = Parameters.Where(configuration.ContainsKey).ToArray();
        var sorted = present.Select(configuration.GetNumber).OrderByDescending(x => x).ToArray();
        var repaired = configuration;
        for (var i = 0; i < present.Length; i++)
        {
            if (space[present[i]].Check(sorted[i]) is not null)
            {
                return configuration;
            }
            repaired = repaired.With(present[i], sorted[i]);
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
        var present = Parameters.Where(configuration.ContainsKey).ToArray();
        for (var i = 1; i < present.Length; i++)
        {
            var before = configuration.GetNumber(present[i - 1]);
            var after = configuration.GetNumber(present[i]);
            if (Strict ? !(before > after) : !(before >= after))
            {
                return false;
            }
        }
        return true;
    }
}
