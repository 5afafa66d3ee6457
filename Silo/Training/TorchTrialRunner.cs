using System.Diagnostics;
using System.Globalization;
using Snnsweep.Contracts;
using Snnsweep.Grains.Trials;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Training;
using TorchSharp;

namespace Snnsweep.Silo.Training;

/// <summary>
/// The adapter from the grains' <see cref="ITrialRunner"/> port to the Trainer: builds the configuration with
/// <c>train</c>'s <see cref="TrainingConfigBuilder"/> (the dataset's and the method's defaults, the sweep's preset,
/// the trial's settings, its epochs and seed, validated), opens the data through the silo's one <see cref="DatasetCatalog"/> (frames shared by every trial; a
/// trial that finds them being prepared waits and logs the progress), trains with a checkpoint per trial on the data
/// root (so any slot on any silo resumes it), writes the trial's result.json beside it, and reports the complete
/// configuration it trained with in the outcome (what best-config.json records).
/// </summary>
public sealed class TorchTrialRunner(DatasetCatalog datasets) : ITrialRunner
{
    public TrialOutcome Run(TrialSpec spec, TrialRunContext context, CancellationToken cancellation)
    {
        var config = BuildConfig(spec);

        var folder = TrialFolder(datasets.Locations.DataRoot, spec.SweepId, spec.Number);
        Directory.CreateDirectory(folder);
        var data = datasets.Open(TrainingMethods.DataFor(config), new PreparationLog(context.Log), cancellation);
        var options = new TrainingRunOptions
        {
            CheckpointPath = Path.Combine(folder, "checkpoint.bin"),
            Device = torch.device(context.Device),
            Notice = context.Log,
            Progress = p =>
            {
                if (p.Completed is { } m) context.Report(new EpochReport(m.Epoch, m.TrainLoss, m.ValAccuracy, config.Timesteps, m.Seconds));
            },
        };
        context.Log($"training {config.Method} on {config.Dataset} ({TrainingConfigBuilder.PresetName(TrainingConfigBuilder.ParsePreset(spec.Preset))} preset): {string.Join(", ", spec.Settings.Select(kv => $"{kv.Key}={kv.Value}"))}");
        TrainingResult result;
        try
        {
            result = TrainingLoop.Run(config, data, options, cancellation);
        }
        catch (TrainingDivergedException e)
        {
            // Seeded and resumed from the same checkpoint, a retry diverges at the same batch: fail it now.
            context.Log(e.Message);
            return new TrialOutcome(TrialOutcomeKind.Failed, [], e.Message, 0, []) { Deterministic = true };
        }
        if (result.ResumedFromBatch > 0) context.Log($"resumed after epoch {result.ResumedFromEpoch} and {result.ResumedFromBatch} batches of the next (stopped mid-epoch)");
        var document = ResultDocument.From(result, Process.GetCurrentProcess().PeakWorkingSet64);
        document.Write(Path.Combine(folder, "result.json"));

        var metrics = new Dictionary<string, double>
        {
            [MetricNames.ValAccuracy] = result.ValAccuracy,
            [MetricNames.TestAccuracy] = result.TestAccuracy,
            [MetricNames.AvgTimestep] = result.AverageTimestep,
            [MetricNames.SecondsPerEpoch] = result.SecondsPerEpoch,
            [MetricNames.SamplesPerSecond] = result.SamplesPerSecond,
        };
        var curve = result.Curve.Select(m => new EpochReport(m.Epoch, m.TrainLoss, m.ValAccuracy, result.AverageTimestep, m.Seconds)).ToArray();
        return new TrialOutcome(TrialOutcomeKind.Completed, metrics, null, result.ResumedFromEpoch, curve) { Config = TrainingConfigBuilder.Record(config) };
    }

    /// <summary>What a trial of <paramref name="spec"/> trains: the method on the dataset under the sweep's preset, with the trial's settings, epochs and seed.</summary>
    public static TrainingConfig BuildConfig(TrialSpec spec) => TrainingConfigBuilder.Build(new TrainingConfigRequest
    {
        Method = spec.Method,
        Dataset = spec.Dataset,
        Preset = TrainingConfigBuilder.ParsePreset(spec.Preset),
        Settings = spec.Settings,
        Epochs = spec.Epochs,
        Seed = spec.Seed,
    });

    /// <summary>Where a trial's checkpoint and result live on the shared data root.</summary>
    public static string TrialFolder(string dataRoot, string sweepId, int number) =>
        Path.Combine(dataRoot, "sweeps", sweepId, "trial-" + number.ToString(CultureInfo.InvariantCulture));
}
