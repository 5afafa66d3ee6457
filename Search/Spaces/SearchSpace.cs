using System.Text.Json;

namespace Snnsweep.Search.Spaces;

/// <summary>
/// The parameters of a sweep, their conditions and the constraints between them. Parameters are kept
/// parents-first, so any walk in <see cref="Parameters"/> order knows a parent's value before it decides
/// whether a child is active.
/// </summary>
public sealed class SearchSpace
{
    private const int MaxSamplingAttempts = 10_000;

    private readonly Dictionary<string, int> _indexByName;

    public SearchSpace(IEnumerable<Parameter> parameters, IEnumerable<Constraint>? constraints = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var declared = parameters.ToList();
        Constraints = (constraints ?? []).ToList();
        var errors = declared.SelectMany(p => p.DefinitionErrors()).ToList();
        foreach (var duplicate in declared.GroupBy(p => p.Name).Where(g => g.Count() > 1))
        {
            errors.Add($"parameter '{duplicate.Key}' is declared {duplicate.Count()} times");
        }
        if (errors.Count > 0)
        {
            throw new SearchSpaceException(errors);
        }
        Parameters = OrderParentsFirst(declared, errors);
        _indexByName = Parameters.Select((p, i) => (p.Name, i)).ToDictionary(t => t.Name, t => t.i);
        if (errors.Count == 0)
        {
            errors.AddRange(Constraints.SelectMany(c => c.DefinitionErrors(this)));
        }
        if (errors.Count > 0)
        {
            throw new SearchSpaceException(errors);
        }
    }

    public IReadOnlyList<Parameter> Parameters { get; }

    public IReadOnlyList<Constraint> Constraints { get; }

    public int Count => Parameters.Count;

    public Parameter this[string name] =>
        _indexByName.TryGetValue(name, out var index)
            ? Parameters[index]
            : throw new KeyNotFoundException($"The search space has no parameter '{name}'.");

    public bool Contains(string name) => _indexByName.ContainsKey(name);

    /// <summary>Whether <paramref name="parameter"/> is active given the values chosen so far for its ancestors.</summary>
    public static bool IsActive(Parameter parameter, IReadOnlyDictionary<string, ParameterValue> chosen) =>
        parameter.Condition is not { } condition
        || (chosen.TryGetValue(condition.Parent, out var parentValue) && condition.IsMetBy(parentValue));

    /// <summary>
    /// Builds the configuration whose i-th parameter, when active, is Parameters[i].FromUnit(unit[i]).
    /// Unit coordinates of inactive parameters are ignored.
    /// </summary>
    public Configuration FromUnit(ReadOnlySpan<double> unit)
    {
        if (unit.Length != Parameters.Count)
        {
            throw new ArgumentException($"Expected {Parameters.Count} unit coordinates, got {unit.Length}.", nameof(unit));
        }
        var chosen = new Dictionary<string, ParameterValue>(Parameters.Count);
        for (var i = 0; i < Parameters.Count; i++)
        {
            var parameter = Parameters[i];
            if (IsActive(parameter, chosen))
            {
                chosen[parameter.Name] = parameter.FromUnit(unit[i]);
            }
        }
        return new Configuration(chosen);
    }

    /// <summary>Everything wrong with a configuration, each message naming a parameter; empty when valid.</summary>
    public IReadOnlyList<string> Violations(Configuration configuration)
    {
        var violations = new List<string>();
        foreach (var parameter in Parameters)
        {
            var present = configuration.TryGetValue(parameter.Name, out var value);
            var active = IsActive(parameter, configuration);
            if (active && !present)
            {
                violations.Add($"parameter '{parameter.Name}' is active but has no value");
            }
            else if (!active && present)
            {
                violations.Add($"parameter '{parameter.Name}' is inactive (its condition on '{parameter.Condition!.Parent}' does not hold) but has a value");
            }
            else if (present && parameter.Check(value) is { } problem)
            {
                violations.Add(problem);
            }
        }
        foreach (var name in configuration.Keys.Where(name => !Contains(name)))
        {
            violations.Add($"parameter '{name}' is not in the search space");
        }
        if (violations.Count == 0)
        {
            violations.AddRange(Constraints.Where(c => !c.IsSatisfiedBy(configuration)).Select(c => $"constraint {c.Describe()} does not hold"));
        }
        return violations;
    }

    public bool SatisfiesConstraints(Configuration configuration)
    {
        foreach (var constraint in Constraints)
        {
            if (!constraint.IsSatisfiedBy(configuration))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Applies each constraint's cheap repair (e.g. sorting ordered timesteps); may still be infeasible.</summary>
    public Configuration Repair(Configuration configuration)
    {
        foreach (var constraint in Constraints)
        {
            configuration = constraint.Repair(configuration, this);
        }
        return configuration;
    }

    /// <summary>Repairs, then reports whether the result satisfies every constraint.</summary>
    public bool TryMakeFeasible(Configuration candidate, out Configuration feasible)
    {
        feasible = Constraints.Count == 0 ? candidate : Repair(candidate);
        return SatisfiesConstraints(feasible);
    }

    /// <summary>A uniformly drawn configuration that satisfies every condition and constraint.</summary>
    public Configuration SampleUniform(SeededRandom random)
    {
        Span<double> unit = stackalloc double[Parameters.Count];
        for (var attempt = 0; attempt < MaxSamplingAttempts; attempt++)
        {
            for (var i = 0; i < unit.Length; i++)
            {
                unit[i] = random.NextDouble();
            }
            if (TryMakeFeasible(FromUnit(unit), out var feasible))
            {
                return feasible;
            }
        }
        throw new InvalidOperationException(
            $"No configuration satisfying {string.Join(" and ", Constraints.Select(c => c.Describe()))} was found in {MaxSamplingAttempts} draws; the constraints may be infeasible.");
    }

    public string ToJson() => JsonSerializer.Serialize(new SearchSpaceDocument(Parameters, Constraints.Count == 0 ? null : Constraints), SearchJson.Options);

    public static SearchSpace FromJson(string json)
    {
        var document = JsonSerializer.Deserialize<SearchSpaceDocument>(json, SearchJson.Options)
            ?? throw new SearchSpaceException(["the search space document is empty"]);
        return new SearchSpace(document.Parameters ?? [], document.Constraints);
    }

    private static List<Parameter> OrderParentsFirst(List<Parameter> declared, List<string> errors)
    {
        var byName = declared.ToDictionary(p => p.Name);
        foreach (var parameter in declared)
        {
            if (parameter.Condition is not { } condition || !byName.TryGetValue(condition.Parent, out var parent))
            {
                if (parameter.Condition is { } missing)
                {
                    errors.Add($"parameter '{parameter.Name}' is conditioned on unknown parameter '{missing.Parent}'");
                }
                continue;
            }
            if (parent is FloatParameter)
            {
                errors.Add($"parameter '{parameter.Name}' is conditioned on continuous parameter '{parent.Name}'; a parent must be int or categorical");
            }
            foreach (var value in condition.Values ?? [])
            {
                if (parent.Check(value) is not null)
                {
                    errors.Add($"parameter '{parameter.Name}' is conditioned on '{parent.Name}' = '{value}', which '{parent.Name}' cannot take");
                }
            }
        }
        var ordered = new List<Parameter>(declared.Count);
        var state = new Dictionary<string, int>();
        foreach (var parameter in declared)
        {
            Visit(parameter);
        }
        return ordered;

        void Visit(Parameter parameter)
        {
            state.TryGetValue(parameter.Name, out var mark);
            if (mark == 2)
            {
                return;
            }
            if (mark == 1)
            {
                errors.Add($"parameter '{parameter.Name}' is part of a cycle of conditions");
                return;
            }
            state[parameter.Name] = 1;
            if (parameter.Condition is { } condition && byName.TryGetValue(condition.Parent, out var parent))
            {
                Visit(parent);
            }
            state[parameter.Name] = 2;
            ordered.Add(parameter);
        }
    }
}
