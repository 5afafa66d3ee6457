using System.Globalization;
using System.Text.Json;
using Snnsweep.Contracts;
using Snnsweep.Trainer.Data;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Snnsweep.Silo.Sweeps;

/// <summary>Renders a sweep for people (a live table) and for files (leaderboard.json, best-config.json).</summary>
public static class SweepReport
{
    public static IReadOnlyList<TrialSummary> Leaderboard(SweepSnapshot snapshot) => SweepLeaderboard.Rank(snapshot);

    public static void WriteFiles(SweepSnapshot snapshot, string folder)
    {
        Directory.CreateDirectory(folder);
        var board = Leaderboard(snapshot).Select(t => new
        {
            trial = t.Number,
            status = t.Status.ToString().ToLowerInvariant(),
            parameters = t.Parameters,
            metrics = t.Metrics,
            epochs = t.EpochsDone,
            attempts = t.Attempt + 1,
            error = t.Error,
        });
        AtomicFile.Write(Path.Combine(folder, "leaderboard.json"), s => JsonSerializer.Serialize(s, new { sweep = snapshot.Id, status = snapshot.Status.ToString().ToLowerInvariant(), spec = snapshot.Spec, trials = board, paretoFront = snapshot.ParetoFront }, SweepJson.Options));
        if (BestConfiguration.From(snapshot) is { } best) AtomicFile.Write(Path.Combine(folder, "best-config.json"), s => s.Write(System.Text.Encoding.UTF8.GetBytes(best.ToJson())));
    }

    public static IRenderable Render(SweepSnapshot snapshot)
    {
        var spec = snapshot.Spec;
        var names = snapshot.Trials.SelectMany(t => t.Parameters.Keys).Distinct().Order(StringComparer.Ordinal).ToArray();
        var table = new Table().Border(TableBorder.Rounded).Title($"sweep {Markup.Escape(snapshot.Id)}: {snapshot.Status.ToString().ToLowerInvariant()}, " +
            $"{snapshot.Trials.Count(t => t.Status is TrialStatus.Completed or TrialStatus.Pruned or TrialStatus.Failed)}/{spec?.Trials ?? 0} done");
        table.AddColumn("#");
        table.AddColumn("status");
        foreach (var name in names) table.AddColumn(Markup.Escape(name));
        table.AddColumn("epochs");
        table.AddColumn("val acc");
        table.AddColumn("slot");
        foreach (var t in Leaderboard(snapshot).Take(20))
        {
            var row = new List<string>
            {
                (t.Number == snapshot.Best ? "[bold green]*[/]" : "") + t.Number.ToString(CultureInfo.InvariantCulture),
                t.Status switch
                {
                    TrialStatus.Running => "[yellow]running[/]",
                    TrialStatus.Completed => "[green]completed[/]",
                    TrialStatus.Failed => "[red]failed[/]",
                    _ => t.Status.ToString().ToLowerInvariant(),
                },
            };
            row.AddRange(names.Select(n => Markup.Escape(Short(t.Parameters.GetValueOrDefault(n, "")))));
            row.Add($"{t.EpochsDone}/{spec?.Epochs ?? 0}");
            var accuracy = t.Metrics.TryGetValue(MetricNames.ValAccuracy, out var v) ? v : t.Curve.LastOrDefault()?.ValAccuracy;
            row.Add(accuracy is { } a ? a.ToString("F4", CultureInfo.InvariantCulture) : "");
            row.Add(Markup.Escape(t.Owner ?? ""));
            table.AddRow(row.ToArray());
        }
        return table;
    }

    private static string Short(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number.ToString("G4", CultureInfo.InvariantCulture) : value;
}
