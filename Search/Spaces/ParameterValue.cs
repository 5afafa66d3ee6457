using System.Globalization;
using System.Text.Json.Serialization;

namespace Snnsweep.Search.Spaces;

/// <summary>
/// The value of one parameter: a number (floats and integers) or a label (categorical choices such as
/// "atan"). Categorical choices may also be numbers, e.g. a batch size of {32, 64}.
/// </summary>
[JsonConverter(typeof(ParameterValueJsonConverter))]
public readonly record struct ParameterValue
{
    private readonly double _number;
    private readonly string? _label;

    private ParameterValue(double number, string? label)
    {
        _number = number;
        _label = label;
    }

    public static ParameterValue Of(double number)
    {
        if (!double.IsFinite(number))
        {
            throw new ArgumentOutOfRangeException(nameof(number), number, "A parameter value must be finite.");
        }
        // 0.0 and -0.0 must be the same configuration.
        return new ParameterValue(number == 0 ? 0 : number, null);
    }

    public static ParameterValue Of(string label) => new(0, label ?? throw new ArgumentNullException(nameof(label)));

    public static implicit operator ParameterValue(double number) => Of(number);

    public static implicit operator ParameterValue(string label) => Of(label);

    public bool IsNumber => _label is null;

    public double Number => IsNumber ? _number : throw new InvalidOperationException($"'{_label}' is a label, not a number.");

    public string Label => _label ?? throw new InvalidOperationException($"{_number} is a number, not a label.");

    public override string ToString() => _label ?? _number.ToString("R", CultureInfo.InvariantCulture);
}
