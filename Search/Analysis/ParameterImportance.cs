using System.Globalization;
using Snnsweep.Search.Spaces;

namespace Snnsweep.Search.Analysis;

/// <summary>
/// How much of the objective's spread each parameter explains on its own: the correlation ratio eta squared
/// (between-group variance / total variance) with numeric parameters cut into quantile bins and categorical
/// ones grouped by choice, normalised to sum to one. A first-order, model-free measure (fANOVA's main effects
/// without the forest): cheap enough to recompute on every dashboard update and honest with few trials as long
/// as it is read as "which knob moved the objective", not as an interaction analysis.
/// </summary>
public static class ParameterImportance
{
    /// <param name="space">Gives each parameter's kind and scale (log parameters are binned on the log scale).</param>
    /// <param name="configurations">Each trial's values as text, as trials record them; a missing name means inactive.</param>
    /// <param name="objectives">Each trial's objective value, aligned with <paramref name="configurations"/>.</param>
    /// <param name="bins">Quantile bins per numeric parameter.</param>
    /// <returns>Importance per parameter of the space, summing to 1; all zero when fewer than 3 trials or no spread.</returns>
    public static IReadOnlyDictionary<string, double> Compute(
        SearchSpace space,
        IReadOnlyList<IReadOnlyDictionary<string, string>> configurations,
        IReadOnlyList<double> objectives,
        int bins = 4)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (configurations.Count != objectives.Count)
            throw new ArgumentException($"{configurations.Count} configurations but {objectives.Count} objective values");
        var result = space.Parameters.ToDictionary(p => p.Name, _ => 0.0);
        var rows = Enumerable.Range(0, objectives.Count).Where(i => double.IsFinite(objectives[i])).ToArray();
        if (rows.Length < 3) return result;
        var mean = rows.Average(i => objectives[i]);
        var total = rows.Sum(i => Square(objectives[i] - mean));
        if (total <= 1e-12 * Math.Max(1, mean * mean)) return result;

        foreach (var parameter in space.Parameters)
        {
            var edges = BinEdges(parameter, rows.Select(i => configurations[i]), bins);
            var groups = rows.GroupBy(i => GroupOf(parameter, configurations[i], edges));
            var between = groups.Sum(g => g.Count() * Square(g.Average(i => objectives[i]) - mean));
            result[parameter.Name] = between / total;
        }
        var sum = result.Values.Sum();
        if (sum <= 0) return result;
        return result.ToDictionary(kv => kv.Key, kv => kv.Value / sum);
    }

    /// <summary>
    /// Quantile edges over the trials where the parameter is active, on its own scale; null when it takes so few
    /// values that each value is its own group.
    /// </summary>
    private static double[]? BinEdges(Parameter parameter, IEnumerable<IReadOnlyDictionary<string, string>> configurations, int bins)
    {
        if (parameter is CategoricalParameter) return null;
        var scaled = configurations
            .Select(c => c.TryGetValue(parameter.Name, out var t) && TryNumber(t, out var v) ? Scale(parameter, v) : double.NaN)
            .Where(double.IsFinite).Order().ToArray();
        if (scaled.Distinct().Count() <= bins) return null;
        return Enumerable.Range(1, bins - 1).Select(b => scaled[(int)Math.Floor(b * (scaled.Length - 1) / (double)bins)]).ToArray();
    }

    private static string GroupOf(Parameter parameter, IReadOnlyDictionary<string, string> configuration, double[]? edges)
    {
        if (!configuration.TryGetValue(parameter.Name, out var text)) return "(inactive)";
        if (edges is null || !TryNumber(text, out var value)) return text;
        var x = Scale(parameter, value);
        return $"bin {edges.Count(edge => x > edge)}";
    }

    private static double Scale(Parameter parameter, double value) =>
        parameter is FloatParameter { Log: true } or IntParameter { Log: true } && value > 0 ? Math.Log(value) : value;

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    private static double Square(double x) => x * x;
}
