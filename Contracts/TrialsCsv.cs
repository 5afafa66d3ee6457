using System.Globalization;
using System.Text;

namespace Snnsweep.Contracts;

/// <summary>All trials of a sweep as CSV (RFC 4180 quoting), one column per parameter and per metric, leaderboard order.</summary>
public static class TrialsCsv
{
    public static string Write(SweepSnapshot snapshot)
    {
        var trials = SweepLeaderboard.Rank(snapshot);
        var parameters = trials.SelectMany(t => t.Parameters.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var metrics = trials.SelectMany(t => t.Metrics.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var csv = new StringBuilder();
        Line(csv, ["trial", "status", "epochs", "attempts", .. parameters, .. metrics, "started", "ended", "error"]);
        foreach (var t in trials)
        {
            Line(csv, [
                t.Number.ToString(CultureInfo.InvariantCulture),
                t.Status.ToString().ToLowerInvariant(),
                t.EpochsDone.ToString(CultureInfo.InvariantCulture),
                (t.Attempt + 1).ToString(CultureInfo.InvariantCulture),
                .. parameters.Select(p => t.Parameters.GetValueOrDefault(p, "")),
                .. metrics.Select(m => t.Metrics.TryGetValue(m, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : ""),
                t.StartedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "",
                t.EndedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "",
                t.Error ?? "",
            ]);
        }
        return csv.ToString();
    }

    private static void Line(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Quote));
        csv.Append("\r\n");
    }

    private static string Quote(string field)
    {
        field = Defuse(field);
        return field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{field.Replace("\"", "\"\"")}\"" : field;
    }

    /// <summary>
    /// OWASP's CSV-injection rule: a cell a spreadsheet would read as a formula (starting with =, +, -, @, tab or
    /// carriage return) gets a leading apostrophe. Numbers are written by us and stay as they are, negative ones
    /// included, so metrics still sort and plot.
    /// </summary>
    internal static string Defuse(string field) =>
        field.Length > 0 && (field[0] is '=' or '@' or '\t' or '\r' || (field[0] is '+' or '-' && !IsNumber(field))) ? "'" + field : field;

    private static bool IsNumber(string field) =>
        double.TryParse(field, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out _);
}
