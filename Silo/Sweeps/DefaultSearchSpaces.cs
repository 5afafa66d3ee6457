using System.Globalization;
using Snnsweep.Search.Spaces;
using Snnsweep.Trainer.Methods;

namespace Snnsweep.Silo.Sweeps;

/// <summary>
/// The search space a sweep uses when none is given: the one each training method declares (Trainer knows
/// nothing of the Search library, so the declaration is translated here), as Search space JSON.
/// </summary>
public static class DefaultSearchSpaces
{
    /// <summary>
    /// The method's space, its T-valued ranges scaled to <paramref name="dataset"/>, without the keys the user fixed
    /// (a fixed value replaces its search).
    /// </summary>
    public static string For(string method, IReadOnlyCollection<string>? fixedKeys = null, string dataset = "demo")
    {
        var declared = TrainingMethods.SearchSpaceFor(method, dataset);
        var isFixed = (string name) => fixedKeys?.Contains(name, StringComparer.OrdinalIgnoreCase) == true;
        var kept = declared.Parameters.Where(p => !isFixed(p.Name)).ToArray();
        var constraints = declared.Constraints
            .Select(c => c with { Names = c.Names.Where(n => !isFixed(n)).ToArray() })
            .Where(c => c.Names.Count >= 2)
            .ToArray();
        return ToSearch(new MethodSpace(kept, constraints)).ToJson();
    }

    public static SearchSpace ToSearch(MethodSpace declared)
    {
        var parameters = declared.Parameters.Select(Translate).ToArray();
        var constraints = declared.Constraints.Select(c => (Constraint)new OrderingConstraint(c.Names.ToArray(), c.Strict)).ToArray();
        return new SearchSpace(parameters, constraints);
    }

    private static Parameter Translate(MethodParameter p)
    {
        Parameter parameter = p.Kind switch
        {
            MethodParameterKind.Float => new FloatParameter(p.Name, p.Low, p.High, p.Log),
            MethodParameterKind.Int => new IntParameter(p.Name, (int)p.Low, (int)p.High, p.Step, p.Log),
            MethodParameterKind.Categorical => new CategoricalParameter(p.Name, (p.Choices ?? []).Select(ParameterValue.Of).ToArray()),
            _ => throw new ArgumentOutOfRangeException(nameof(p), p.Kind, "unknown parameter kind"),
        };
        if (p.Condition is { } condition)
            parameter = parameter with { Condition = new ParameterCondition(condition.Name, condition.Values.Select(Value).ToArray()) };
        return parameter;
    }

    /// <summary>Condition values are written as text; numbers stay numbers so they match numeric parents.</summary>
    private static ParameterValue Value(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? ParameterValue.Of(number) : ParameterValue.Of(text);
}
