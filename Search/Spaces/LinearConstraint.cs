using System.Globalization;

namespace Snnsweep.Search.Spaces;

/// <summary>
/// sum over i of Coefficients[i] * value_i &lt;= UpperBound, e.g. a budget such as T1 + T2 + T3 &lt;= 20 or
/// "lambda_enc - lambda_feat >= 0" written as -lambda_enc + lambda_feat &lt;= 0. It applies only when all
/// its parameters are active, since a sum over absent terms has no agreed meaning.
/// </summary>
public sealed record LinearConstraint(IReadOnlyDictionary<string, double> Coefficients, double UpperBound) : Constraint
{
    private const double RelativeTolerance = 1e-12;

    public override IReadOnlyList<string> ParameterNames => Coefficients?.Keys.ToArray() ?? [];

    public override string Describe() =>
        string.Join(" + ", (Coefficients ?? new Dictionary<string, double>()).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Value}*{t.Key}")))
        + string.Create(CultureInfo.InvariantCulture, $" <= {UpperBound}");

    protected override bool Holds(Configuration configuration)
    {
        var sum = 0.0;
        var scale = Math.Abs(UpperBound);
        foreach (var (name, coefficient) in Coefficients)
        {
            var term = coefficient * configuration.GetNumber(name);
            sum += term;
            scale += Math.Abs(term);
        }
        return sum <= UpperBound + RelativeTolerance * scale;
    }
}
