using System.Globalization;

namespace Snnsweep.Search.Spaces;

/// <summary>A real-valued parameter in [Low, High], uniform or log-uniform (learning rates, loss weights).</summary>
public sealed record FloatParameter(string Name, double Low, double High, bool Log = false) : Parameter(Name)
{
    public override int? Cardinality => null;

    public override ParameterValue FromUnit(double u)
    {
        u = ClampUnit(u);
        var x = Log
            ? Math.Exp(Math.Log(Low) + u * (Math.Log(High) - Math.Log(Low)))
            : Low + u * (High - Low);
        return ParameterValue.Of(Math.Clamp(x, Low, High));
    }

    public override double ToUnit(ParameterValue value)
    {
        var x = value.Number;
        var u = Log
            ? (Math.Log(x) - Math.Log(Low)) / (Math.Log(High) - Math.Log(Low))
            : (x - Low) / (High - Low);
        return ClampUnit(u);
    }

    public override string? Check(ParameterValue value)
    {
        if (!value.IsNumber)
        {
            return $"parameter '{Name}' must be a number, not '{value}'";
        }
        var x = value.Number;
        return x < Low || x > High
            ? string.Create(CultureInfo.InvariantCulture, $"parameter '{Name}' = {x} lies outside [{Low}, {High}]")
            : null;
    }

    public override IEnumerable<string> DefinitionErrors()
    {
        foreach (var error in base.DefinitionErrors())
        {
            yield return error;
        }
        if (!double.IsFinite(Low) || !double.IsFinite(High))
        {
            yield return $"parameter '{Name}' needs finite bounds";
        }
        else if (!(Low < High))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"parameter '{Name}': low ({Low}) must be below high ({High})");
        }
        if (Log && !(Low > 0))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"parameter '{Name}': a log scale needs low > 0, got {Low}");
        }
    }
}
