using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Frames;
using Snnsweep.Trainer.Data.Packs;
using Snnsweep.Silo.Hosting;
using Snnsweep.Trainer.Data.Definitions;

namespace Snnsweep.Silo.Cli;

/// <summary>
/// The work of the <c>data</c> verb (<see cref="DataCommand"/> declares it): inspect an event file, list the datasets,
/// prepare a dataset's frames. Bad files and missing folders print one clear line and a non-zero exit code.
/// </summary>
internal static class DataVerb
{
    public const int BadInput = 2;
    public const int SomeSamplesFailed = 3;

    /// <param name="Definitions">Datasets to offer; the built-in ones when null.</param>
    public sealed record PrepareArguments(string Dataset, string? DataRoot, int? Limit, int Parallel, DatasetDefinitions? Definitions);

    /// <summary><c>data inspect</c>: the file's summary as JSON on <paramref name="output"/>.</summary>
    public static int Inspect(string path, string? formatText, TextWriter output, TextWriter error)
    {
        try
        {
            EventFormat chosen = default;
            if (formatText is not null)
            {
                if (!EventFileReader.TryParseFormat(formatText, out chosen))
                {
                    error.WriteLine($"error: --format '{formatText}' is not a known event format (atis, aedat2, aedat3, aedat4, mat, dat, evt2, evt3).");
                    return BadInput;
                }
            }
            var bytes = DataFile.ReadAllBytes(path);
            chosen = formatText is null ? EventFormatSniffer.Sniff(bytes, path) : chosen;
            var events = EventFileReader.Parse(bytes, path, chosen);
            output.WriteLine(InspectJson(chosen, events));
            return 0;
        }
        catch (DatasetFormatException e)
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }

    /// <summary>One key per line, the first events as compact <c>[x, y, p, t]</c> rows; valid JSON either way.</summary>
    internal static string InspectJson(EventFormat format, EventStream events)
    {
        var on = events.P.Count(p => p == 1);
        var first = Enumerable.Range(0, Math.Min(5, events.Count)).Select(i => new[] { events.X[i], events.Y[i], events.P[i], events.T[i] });
        var fields = new (string Key, object? Value)[]
        {
            ("format", EventFileReader.NameOf(format)),
            ("events", events.Count),
            ("width", events.Width),
            ("height", events.Height),
            ("tFirst", events.Count > 0 ? events.T[0] : null),
            ("tLast", events.Count > 0 ? events.T[^1] : null),
            ("on", on),
            ("off", events.Count - on),
            ("first", first.ToArray()),
        };
        var lines = fields.Select(f => $"  \"{f.Key}\": {JsonSerializer.Serialize(f.Value)}");
        return "{\n" + string.Join(",\n", lines) + "\n}";
    }

    /// <summary><c>data list</c>: every dataset, where it is looked for, whether it is found, and the layout it needs.</summary>
    public static int List(string? dataRoot, DatasetDefinitions? definitions, TextWriter output)
    {
        var catalog = new DatasetCatalog(SnnsweepConfiguration.Locations(dataRoot), definitions);
        output.WriteLine($"data root: {Path.GetFullPath(catalog.Locations.DataRoot)}");
        foreach (var d in catalog.Definitions.All)
        {
            output.WriteLine($"{d.Name} ({d.Domain.ToString().ToLowerInvariant()}{(d.PairedDataset is null ? "" : $", paired with {d.PairedDataset}")}): {d.Description}");
            output.WriteLine("    " + Where(catalog, d));
            foreach (var line in d.ExpectedLayout.Split('\n', StringSplitOptions.RemoveEmptyEntries)) output.WriteLine("    " + line.TrimEnd());
        }
        return 0;
    }

    /// <summary>"found: 70,000 samples in DIR (ready)" or "not found under DIR".</summary>
    private static string Where(DatasetCatalog catalog, IDatasetDefinition definition)
    {
        if (definition is IEventDatasetDefinition && DatasetCatalog.IsKnown(definition.Name))
        {
            var status = catalog.Status(definition.Name);
            return status.Found
                ? string.Create(CultureInfo.InvariantCulture, $"found: {status.Samples:N0} samples in {status.Folder} ({status.StateText}{(status.State == DatasetState.StaticPartnerMissing ? $": {status.Partner} not under {status.PartnerFolder}" : "")})")
                : $"not found under {status.Folder}";
        }
        var root = Path.GetFullPath(catalog.Locations.RootOf(definition.Name));
        try
        {
            var index = definition.Index(root);
            return string.Create(CultureInfo.InvariantCulture, $"found: {index.Samples.Count:N0} samples in {root}");
        }
        catch (Exception e) when (e is DatasetLayoutException or DatasetFormatException or IOException or UnauthorizedAccessException)
        {
            return $"not found under {root}";
        }
    }

    /// <summary><c>data prepare</c>: integrates the dataset's samples into its frame pack (event data) or decodes every image (static data).</summary>
    /// <param name="frames">The frame settings to prepare, given the dataset's defaults (the command line's overrides applied).</param>
    public static int Prepare(PrepareArguments arguments, Func<FrameIntegrationSettings, FrameIntegrationSettings> frames, TextWriter output, TextWriter error)
    {
        try
        {
            var catalog = new DatasetCatalog(SnnsweepConfiguration.Locations(arguments.DataRoot), arguments.Definitions);
            var definition = catalog.Definitions.Get(arguments.Dataset);
            var folder = catalog.Locations.RootOf(definition.Name);
            var index = definition.Index(folder);
            var samples = index.Samples.Where(s => s.Split != DatasetSplit.Unused).Take(arguments.Limit ?? int.MaxValue).ToList();
            var workers = Math.Max(1, arguments.Parallel);
            return definition switch
            {
                IEventDatasetDefinition events => PrepareEvents(events, samples, frames(catalog.FrameSettings(DatasetCatalog.DefaultRequest(events))), catalog.Locations.DataRoot, workers, output, error),
                IStaticDatasetDefinition images => CheckImages(images, samples, workers, output, error),
                _ => throw new ArgumentException($"Dataset '{definition.Name}' has no loader."),
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or DatasetLayoutException or DatasetFormatException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }

    private static int PrepareEvents(IEventDatasetDefinition dataset, List<DatasetSample> samples, FrameIntegrationSettings settings, string dataRoot, int workers, TextWriter output, TextWriter error)
    {
        var already = FramePack.Exists(dataRoot, dataset.Name, samples, settings);
        var console = ConsoleFor(output);
        FramePackManifest? manifest = null;
        string? path = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape($"{dataset.Name} [{settings.CacheKey}]"), maxValue: 1.0);
                var (store, built) = FramePack.OpenOrBuild(dataRoot, dataset, samples, settings, new Progress<double>(v => task.Value = Math.Max(task.Value, v)), workers);
                manifest = built;
                path = store.Path;
                store.Dispose();
                task.Value = 1.0;
            });
        var excluded = manifest!.Excluded;
        output.WriteLine(already
            ? $"Prepared {samples.Count - excluded.Count} of {samples.Count} samples of {dataset.Name} ({settings.CacheKey}): already in {path}, {excluded.Count} excluded."
            : $"Prepared {samples.Count - excluded.Count} of {samples.Count} samples of {dataset.Name} ({settings.CacheKey}) into {path}: {samples.Count - excluded.Count} integrated, {excluded.Count} excluded.");
        foreach (var e in excluded.Take(20)) error.WriteLine($"error: {e.Id}: {e.File}: {e.Problem} (at byte {e.Offset}); excluded from {e.Split.ToString().ToLowerInvariant()}.");
        if (excluded.Count > 20) error.WriteLine($"error: ... and {excluded.Count - 20} more (all listed in {Path.ChangeExtension(path!, ".json")}).");
        return excluded.Count == 0 ? 0 : SomeSamplesFailed;
    }

    private static int CheckImages(IStaticDatasetDefinition dataset, List<DatasetSample> samples, int workers, TextWriter output, TextWriter error)
    {
        var failures = new ConcurrentBag<string>();
        RunWithProgress(output, dataset.Name, samples, workers, sample => dataset.LoadImage(sample), failures);
        output.WriteLine($"Decoded {samples.Count - failures.Count} of {samples.Count} images of {dataset.Name} (static images are decoded on the fly; nothing to cache), {failures.Count} failed.");
        return ReportFailures(failures, error);
    }

    /// <summary>A console on <paramref name="output"/> that redraws a progress bar only on an interactive terminal.</summary>
    private static IAnsiConsole ConsoleFor(TextWriter output)
    {
        var interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        return AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
    }

    /// <summary>Runs the work with a Spectre.Console progress bar; samples of one file stay on one worker so it is decoded once.</summary>
    private static void RunWithProgress(TextWriter output, string title, List<DatasetSample> samples, int workers, Action<DatasetSample> work, ConcurrentBag<string> failures)
    {
        var console = ConsoleFor(output);
        var groups = samples.GroupBy(s => s.File).ToList();
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: Math.Max(1, samples.Count));
                Parallel.ForEach(groups, new ParallelOptions { MaxDegreeOfParallelism = workers }, group =>
                {
                    foreach (var sample in group)
                    {
                        try
                        {
                            work(sample);
                        }
                        catch (DatasetFormatException e)
                        {
                            // One bad file must not stop the others (nor take a silo down); it is reported at the end.
                            failures.Add($"{sample.Id}: {e.Message}");
                        }
                        task.Increment(1);
                    }
                });
                if (samples.Count == 0) task.Increment(1);
            });
    }

    private static int ReportFailures(ConcurrentBag<string> failures, TextWriter error)
    {
        foreach (var failure in failures.Order(StringComparer.Ordinal).Take(20)) error.WriteLine($"error: {failure}");
        if (failures.Count > 20) error.WriteLine($"error: ... and {failures.Count - 20} more.");
        return failures.IsEmpty ? 0 : SomeSamplesFailed;
    }
}
