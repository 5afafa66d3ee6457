using System.Globalization;
using Snnsweep.Search.Spaces;

namespace Snnsweep.Dashboard.Services;

/// <summary>
/// The search-space editor's state: rows people edit (ranges, log, choices, conditions, fixed values) and the
/// space's constraints, translated to and from Search's space JSON. Fixing a parameter takes it out of the
/// space and into the sweep's fixed settings, as the CLI's <c>--set</c> does.
/// </summary>
public sealed class SpaceDraft
{
    private IReadOnlyList<Constraint> _constraints = [];

    public List<SpaceRow> Rows { get; private set; } = [];

    /// <exception cref="SweepRequestException">The JSON is not a valid space (field "space").</exception>
    public static SpaceDraft Parse(string json)
    {
        SearchSpace space;
        try
        {
            space = SearchSpace.FromJson(json);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or SearchSpaceException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new SweepRequestException("space", $"space: {e.Message}");
        }
        return new SpaceDraft { Rows = space.Parameters.Select(ToRow).ToList(), _constraints = space.Constraints };
    }

    /// <summary>The searched (not fixed) parameters as space JSON; orderings keep the names still searched.</summary>
    /// <exception cref="SweepRequestException">A row is invalid; the message names the parameter.</exception>
    public string ToSpaceJson()
    {
        var searched = Rows.Where(r => !r.Fixed).ToList();
        var names = searched.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var constraints = _constraints.Select(c => c switch
        {
            OrderingConstraint o => o.Parameters.Count(names.Contains) >= 2 ? o with { Parameters = o.Parameters.Where(names.Contains).ToArray() } : null,
            _ => c.ParameterNames.All(names.Contains) ? c : null,
        }).OfType<Constraint>().ToArray();
        try
        {
            return new SearchSpace(searched.Select(ToParameter), constraints).ToJson();
        }
        catch (SearchSpaceException e)
        {
            throw new SweepRequestException("space", $"space: {e.Message}");
        }
    }

    /// <summary>key=value lines for the fixed rows.</summary>
    /// <exception cref="SweepRequestException">A fixed row has no value.</exception>
    public IEnumerable<string> FixedSettings() => Rows.Where(r => r.Fixed).Select(r => string.IsNullOrWhiteSpace(r.FixedValue)
        ? throw new SweepRequestException("space", $"space: parameter '{r.Name}' is fixed but has no value")
        : $"{r.Name}={r.FixedValue.Trim()}");

    private static SpaceRow ToRow(Parameter p)
    {
        var row = new SpaceRow { Name = p.Name, Condition = p.Condition is { } c ? $"{c.Parent}: {string.Join(", ", c.Values)}" : "" };
        switch (p)
        {
            case FloatParameter f:
                row.Kind = "float"; row.Low = f.Low; row.High = f.High; row.Log = f.Log;
                break;
            case IntParameter i:
                row.Kind = "int"; row.Low = i.Low; row.High = i.High; row.Step = i.Step; row.Log = i.Log;
                break;
            case CategoricalParameter categorical:
                row.Kind = "categorical"; row.Choices = string.Join(", ", categorical.Choices);
                break;
        }
        return row;
    }

    private static Parameter ToParameter(SpaceRow row)
    {
        Parameter parameter = row.Kind switch
        {
            "float" => new FloatParameter(row.Name, row.Low, row.High, row.Log),
            "int" => new IntParameter(row.Name, (int)Math.Round(row.Low), (int)Math.Round(row.High), row.Step, row.Log),
            "categorical" => new CategoricalParameter(row.Name, SplitValues(row.Choices).ToArray()),
            _ => throw new SweepRequestException("space", $"space: parameter '{row.Name}' has unknown type '{row.Kind}'"),
        };
        if (!string.IsNullOrWhiteSpace(row.Condition))
        {
            var colon = row.Condition.IndexOf(':');
            if (colon <= 0) throw new SweepRequestException("space", $"space: condition of '{row.Name}' must read 'parent: value, value'");
            parameter = parameter with { Condition = new ParameterCondition(row.Condition[..colon].Trim(), SplitValues(row.Condition[(colon + 1)..]).ToArray()) };
        }
        return parameter;
    }

    /// <summary>Numbers stay numbers (a numeric choice or parent value must match numerically).</summary>
    private static IEnumerable<ParameterValue> SplitValues(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? ParameterValue.Of(x) : ParameterValue.Of(v));
}
