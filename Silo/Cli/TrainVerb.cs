using System.Diagnostics;
using System.Globalization;
using Snnsweep.Contracts;
using Snnsweep.Silo.Hosting;
using Snnsweep.Silo.Sweeps;
using Snnsweep.Silo.Training;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Data.Definitions;
using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Training;
using Spectre.Console;
using TorchSharp;

namespace Snnsweep.Silo.Cli;

/// <summary>What <c>train</c> does: validate, load data, train on a dedicated thread with a live progress bar, write the result.</summary>
internal static class TrainVerb
{
    public sealed record Arguments(
        string? Method,
        string? Dataset,
        int? Epochs,
        int? Seed,
        IReadOnlyList<string> Settings,
        string? Output,
        int? Threads,
        string Device,
        string? DataRoot,
        bool ListKeys,
        string? ConfigFile = null,
        string? Preset = null)
    {
        /// <summary>The baseline on the built-in demo data with every default.</summary>
        public static Arguments Defaults { get; } = new("baseline", "demo", null, null, [], null, null, "cpu", null, false);
    }

    /// <summary>Methods this build can train.</summary>
    public static readonly IReadOnlyList<string> Methods = TrainingMethods.Names;

    public static async Task<int> RunAsync(Arguments args, IAnsiConsole console, CancellationToken cancellation)
    {
        if (args.ListKeys)
        {
            TrainingPreset keysPreset;
            try
            {
                keysPreset = TrainingConfigBuilder.ParsePreset(args.Preset);
            }
            catch (InvalidConfigException e)
            {
                console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
                return 2;
            }
            PrintKeys(console, args.Method ?? "baseline", args.Dataset ?? "demo", keysPreset);
            return 0;
        }

        TrainingConfig config;
        TrainingPreset preset;
        try
        {
            (config, preset) = Resolve(args);
        }
        catch (Exception e) when (e is InvalidConfigException or IOException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }

        if (TrainingDevice.Problem(args.Device, new TorchDeviceProbe()) is { } deviceProblem)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {deviceProblem}");
            return 2;
        }

        var output = Path.GetFullPath(args.Output ?? Path.Combine("runs", $"{config.Method}-{config.Dataset}-{DateTime.Now:yyyyMMdd-HHmmss}"));
        if (args.ConfigFile is not null) console.MarkupLineInterpolated($"retraining {args.ConfigFile}");
        Directory.CreateDirectory(output);
        if (args.Threads is { } threads) torch.set_num_threads(threads);
        var runOptions = new TrainingRunOptions
        {
            CheckpointPath = Path.Combine(output, "checkpoint.bin"),
            Device = TrainingDevice.Open(args.Device),
            Notice = line => console.MarkupLineInterpolated($"[yellow]{line}[/]"),
        };

        console.MarkupLineInterpolated($"[bold]train[/] {config.Method} on {config.Dataset} ({TrainingConfigBuilder.PresetName(preset)} preset): {config.Epochs} epochs, T={config.Timesteps}, batch {config.BatchSize}, seed {config.Seed}, {torch.get_num_threads()} threads -> {output}");
        TrainingResult result;
        try
        {
            result = await RunWithProgressAsync(console, config, new DatasetCatalog(SnnsweepConfiguration.Locations(args.DataRoot)), runOptions, cancellation);
        }
        catch (OperationCanceledException)
        {
            console.MarkupLineInterpolated($"[yellow]interrupted[/]: checkpointed at the last finished batch; run the same command with --out {output} to resume.");
            return 130;
        }
        catch (TrainingDivergedException e)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 3;
        }
        catch (Exception e) when (e is ArgumentException or DatasetFormatException or DatasetLayoutException or FileNotFoundException or InvalidDataException)
        {
            console.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 2;
        }

        if (result.ResumedFromEpoch > 0 || result.ResumedFromBatch > 0)
            console.MarkupLineInterpolated($"resumed after epoch {result.ResumedFromEpoch}{(result.ResumedFromBatch > 0 ? $" and {result.ResumedFromBatch} batches of the next" : "")}");
        var document = ResultDocument.From(result, Process.GetCurrentProcess().PeakWorkingSet64);
        var resultPath = Path.Combine(output, "result.json");
        document.Write(resultPath);
        PrintSummary(console, document, resultPath);
        return 0;
    }

    private static BestConfiguration ReadBestConfiguration(string path)
    {
        try
        {
            return BestConfiguration.FromJson(File.ReadAllText(path), path);
        }
        catch (FormatException e)
        {
            throw new InvalidConfigException("config", e.Message);
        }
        catch (IOException e)
        {
            throw new InvalidConfigException("config", $"cannot read {path}: {e.Message}");
        }
    }

    internal static TrainingConfig BuildConfig(Arguments args) => Resolve(args).Config;

    /// <summary>
    /// The configuration <c>train</c> trains and the preset it started from: <see cref="TrainingConfigBuilder"/> on the
    /// method and dataset (the recorded file's unless given), the preset (the file's unless given), the file's
    /// recorded configuration (complete, or for an older file its settings with seed and epochs), then <c>--set</c>,
    /// <c>--epochs</c> and <c>--seed</c>.
    /// </summary>
    internal static (TrainingConfig Config, TrainingPreset Preset) Resolve(Arguments args)
    {
        var file = args.ConfigFile is null ? null : ReadBestConfiguration(args.ConfigFile);
        var preset = TrainingConfigBuilder.ParsePreset(args.Preset ?? file?.Preset);
        if (file is { Config: not null } && args.Preset is not null && TrainingConfigBuilder.ParsePreset(file.Preset) != preset)
            throw new InvalidConfigException("preset", $"preset: {args.ConfigFile} records its complete configuration under the {file.Preset} preset; " +
                "--preset cannot change it (change keys with --set, or train --method with --preset)");
        var config = TrainingConfigBuilder.Build(new TrainingConfigRequest
        {
            Method = args.Method ?? file?.Method ?? "baseline",
            Dataset = args.Dataset ?? file?.Dataset ?? "demo",
            Preset = preset,
            Recorded = file?.RecordedSettings(),
            Assignments = args.Settings,
            Epochs = args.Epochs,
            Seed = args.Seed,
        });
        return (config, preset);
    }

    private static async Task<TrainingResult> RunWithProgressAsync(IAnsiConsole console, TrainingConfig config, DatasetCatalog datasets, TrainingRunOptions runOptions, CancellationToken cancellation)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            // Logs and CI: one line per epoch instead of a redrawn bar.
            var plain = runOptions with { Progress = p => { if (p.Completed is { } m) console.WriteLine(FormatEpoch(m, config.Epochs)); } };
            var preparing = new PreparationLog(console.WriteLine);
            return await TrainingThread.Start(() => Train(config, datasets, plain, preparing, cancellation), "train");
        }

        TrainingResult? result = null;
        await console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var dataTask = context.AddTask($"data {config.Dataset} (T={config.Timesteps})", maxValue: 1.0);
                var trainTask = context.AddTask("training", autoStart: false, maxValue: config.Epochs);
                var dataProgress = new Progress<double>(v => dataTask.Value = v);
                var withBar = runOptions with
                {
                    Progress = p =>
                    {
                        if (!trainTask.IsStarted) trainTask.StartTask();
                        trainTask.Value = p.Epoch - 1 + p.Batch / (double)p.Batches;
                        trainTask.Description = p.Completed is { } m
                            ? $"epoch {m.Epoch}/{config.Epochs} loss {m.TrainLoss:F3} val {m.ValAccuracy:P1}"
                            : $"epoch {p.Epoch}/{config.Epochs} loss {p.RunningLoss:F3}";
                    },
                };
                result = await TrainingThread.Start(() => Train(config, datasets, withBar, dataProgress, cancellation), "train");
                dataTask.Value = 1.0;
                trainTask.Value = config.Epochs;
            });
        return result!;
    }

    private static TrainingResult Train(TrainingConfig config, DatasetCatalog datasets, TrainingRunOptions options, IProgress<double>? dataProgress, CancellationToken cancellation)
    {
        var data = datasets.Open(TrainingMethods.DataFor(config), dataProgress, cancellation);
        return TrainingLoop.Run(config, data, options, cancellation);
    }

    private static string FormatEpoch(EpochMetrics m, int epochs) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {m.Epoch}/{epochs}: loss {m.TrainLoss:F4}  val {m.ValAccuracy:F4}  {m.Seconds:F1} s  {m.SamplesPerSecond:F0} samples/s  lr {m.LearningRate:G3}");

    private static void PrintSummary(IAnsiConsole console, ResultDocument result, string path)
    {
        var table = new Table().AddColumns("epoch", "train loss", "val accuracy", "seconds");
        foreach (var point in result.Curve)
            table.AddRow(point.Epoch.ToString(CultureInfo.InvariantCulture), point.TrainLoss.ToString("F4", CultureInfo.InvariantCulture),
                point.ValAccuracy.ToString("F4", CultureInfo.InvariantCulture), point.Seconds.ToString("F1", CultureInfo.InvariantCulture));
        console.Write(table);
        console.MarkupLineInterpolated($"val accuracy [bold]{result.ValAccuracy:F4}[/], test accuracy {result.TestAccuracy:F4}, {result.SecondsPerEpoch:F1} s/epoch, {result.SamplesPerSecond:F0} samples/s, peak memory {result.PeakResidentBytes / (1024.0 * 1024):F0} MiB");
        var methodMetrics = string.Join("  ", (result.MethodMetrics ?? new Dictionary<string, double>()).Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:G4}")));
        console.MarkupLineInterpolated($"avg timestep {result.AvgTimestep:G4} ({string.Join("/", result.StageTimesteps ?? [])}), {result.InferenceLayerSteps:G4} layer-steps, mean firing rate {result.MeanInferenceFiringRate:F3}");
        if (methodMetrics.Length > 0) console.MarkupLineInterpolated($"{result.Method}: {methodMetrics}");
        if (result.Coefficients is { Count: > 0 } w) console.MarkupLineInterpolated($"coefficients w_t: {string.Join(" ", w.Select(v => v.ToString("F3", CultureInfo.InvariantCulture)))}");
        console.MarkupLineInterpolated($"wrote {path}");
    }

    /// <summary>Every key with its default for this method on this dataset under the preset (the dataset's frames, network and batch, then the method's, then the preset's).</summary>
    private static void PrintKeys(IAnsiConsole console, string method, string dataset, TrainingPreset preset)
    {
        var known = TrainingMethods.All.Any(m => string.Equals(m.Name, method, StringComparison.OrdinalIgnoreCase)) && DatasetCatalog.IsKnown(dataset);
        var start = known
            ? TrainingConfigBuilder.Resolve(new TrainingConfigRequest { Method = method, Dataset = dataset, Preset = preset })
            : new TrainingConfig();
        console.MarkupLineInterpolated($"defaults of [bold]{start.Method}[/] on [bold]{start.Dataset}[/]{(preset == TrainingPreset.Fast ? "" : $" ({TrainingConfigBuilder.PresetName(preset)} preset)")}");
        var defaults = TrainingConfigSchema.Describe(start);
        var table = new Table().AddColumns("key", "type", "allowed", "default", "meaning");
        foreach (var key in TrainingConfigSchema.Keys)
            table.AddRow(Markup.Escape(key.Name), key.Type, Markup.Escape(key.Allowed), Markup.Escape(Convert.ToString(defaults[key.Name], CultureInfo.InvariantCulture) ?? ""), Markup.Escape(key.Description));
        console.Write(table);
    }
}
