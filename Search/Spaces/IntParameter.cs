using System.Globalization;

namespace Snnsweep.Search.Spaces;

/// <summary>
/// An integer parameter taking Low, Low + Step, ..., High (timesteps, widths), optionally log-scaled so
/// that 64..512 gives as much room to 64..128 as to 256..512.
/// </summary>
public sealed record IntParameter(string Name, int Low, int High, int Step = 1, bool Log = false) : Parameter(Name)
{
    public override int? Cardinality => (High - Low) / Step + 1;

    public override ParameterValue FromUnit(double u)
    {
        u = ClampUnit(u);
        if (Log)
        {
            // Each integer k owns [k - 1/2, k + 1/2] on the log axis, so rounding is exact and fair.
            var x = Math.Exp(LogLow + u * (LogHigh - LogLow));
            return ParameterValue.Of(Math.Clamp(Math.Round(x, MidpointRounding.AwayFromZero), Low, High));
        }
        var count = Cardinality!.Value;
        var index = Math.Min(count - 1, (int)Math.Floor(u * count));
        return ParameterValue.Of(Low + (long)index * Step);
    }

    public override double ToUnit(ParameterValue value)
    {
        var x = value.Number;
        if (Log)
        {
            return ClampUnit((Math.Log(x) - LogLow) / (LogHigh - LogLow));
        }
        var index = (x - Low) / Step;
        return ClampUnit((index + 0.5) / Cardinality!.Value);
    }

    /// <summary>The part of [0, 1] that <see cref="FromUnit"/> maps onto <paramref name="value"/>.</summary>
    public (double Low, double High) UnitCell(ParameterValue value)
    {
        var x = value.Number;
        if (Log)
        {
            var span = LogHigh - LogLow;
            return (ClampUnit((Math.Log(x - 0.5) - LogLow) / span), ClampUnit((Math.Log(x + 0.5) - LogLow) / span));
        }
        var index = (x - Low) / Step;
        var count = Cardinality!.Value;
        return (index / count, (index + 1) / count);
    }

    public override string? Check(ParameterValue value)
    {
        if (!value.IsNumber)
        {
            return $"parameter '{Name}' must be an integer, not '{value}'";
        }
        var x = value.Number;
        if (x < Low || x > High)
        {
            return string.Create(CultureInfo.InvariantCulture, $"parameter '{Name}' = {x} lies outside [{Low}, {High}]");
        }
        return x != Math.Floor(x) || (x - Low) % Step != 0
            ? string.Create(CultureInfo.InvariantCulture, $"parameter '{Name}' = {x} is not Low + k * Step for Low = {Low}, Step = {Step}")
            : null;
    }

    public override IEnumerable<string> DefinitionErrors()
    {
        foreach (var error in base.DefinitionErrors())
        {
            yield return error;
        }
        if (Low > High)
        {
            yield return $"parameter '{Name}': low ({Low}) must not exceed high ({High})";
        }
        if (Step < 1)
        {
            yield return $"parameter '{Name}': step must be at least 1, got {Step}";
        }
        else if ((High - Low) % Step != 0)
        {
            yield return $"parameter '{Name}': high - low ({High - Low}) is not a multiple of step ({Step})";
        }
        if (Log && Low < 1)
        {
            yield return $"parameter '{Name}': a log scale needs low >= 1, got {Low}";
        }
        if (Log && Step != 1)
        {
            yield return $"parameter '{Name}': a log scale needs step 1, got {Step}";
        }
    }

    private double LogLow => Math.Log(Low - 0.5);

    private double LogHigh => Math.Log(High + 0.5);
}
