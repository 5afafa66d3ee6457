using System.Globalization;

namespace Snnsweep.Trainer.Methods;

/// <summary>
/// One searchable knob of a method's default search space. <see cref="Name"/> is the
/// <see cref="Training.TrainingConfigSchema"/> key it sets, so a suggested value applies through
/// <c>TrainingConfigSchema.Apply(config, Name, ToSetting(value))</c>. Declared here, not in the search
/// library, because the Trainer must not depend on it; the cluster maps these records onto its own types.
/// </summary>
/// <param name="Name">Configuration key.</param>
/// <param name="Kind">Float, int or categorical.</param>
/// <param name="Low">Smallest value (numeric kinds).</param>
/// <param name="High">Largest value (numeric kinds).</param>
/// <param name="Log">Sample log-uniformly (numeric kinds; needs Low &gt; 0).</param>
/// <param name="Step">Grid step of an int (1 for every integer).</param>
/// <param name="Choices">The values of a categorical, as the key accepts them.</param>
/// <param name="Condition">The parameter only matters when this holds; null for always.</param>
public sealed record MethodParameter(
    string Name,
    MethodParameterKind Kind,
    double Low = 0,
    double High = 0,
    bool Log = false,
    int Step = 1,
    IReadOnlyList<string>? Choices = null,
    MethodCondition? Condition = null)
{
    public static MethodParameter Float(string name, double low, double high, bool log = false, MethodCondition? condition = null) =>
        new(name, MethodParameterKind.Float, low, high, log, Condition: condition);

    public static MethodParameter Int(string name, int low, int high, int step = 1, bool log = false, MethodCondition? condition = null) =>
        new(name, MethodParameterKind.Int, low, high, log, step, Condition: condition);

    public static MethodParameter Categorical(string name, IReadOnlyList<string> choices, MethodCondition? condition = null) =>
        new(name, MethodParameterKind.Categorical, Choices: choices, Condition: condition);

    /// <summary>The value as the configuration key's text (invariant culture; ints without a fraction).</summary>
    public string ToSetting(double value) => Kind == MethodParameterKind.Int
        ? ((long)Math.Round(value)).ToString(CultureInfo.InvariantCulture)
        : value.ToString("R", CultureInfo.InvariantCulture);
}
