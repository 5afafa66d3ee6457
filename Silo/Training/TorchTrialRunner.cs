using System.Diagnostics;
using System.Globalization;
using Snnsweep.Grains.Contracts;
using Snnsweep.Grains.Trials;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Training;
using TorchSharp;

namespace Snnsweep.Silo.Training;

/// <summary>
/// The adapter from the grains' <see cref="ITrialRunner"/> port to the Trainer: builds the configuration as
/// <c>train</c> does (the dataset's and the method's defaults, then the trial's settings, validated by the same
/// schema), opens the data through the silo's one <see cref="DatasetCatalog"/> (frames shared by every trial; a
/// trial that finds them being prepared waits and logs the progress), trains with a checkpoint per trial on the data
/// root (so any slot on any silo resumes it), and writes the trial's result.json beside it.
/// </summary>
public sealed class TorchTrialRunner(DatasetCatalog datasets) : ITrialRunner
{
    public TrialOutcome Run(TrialSpec spec, TrialRunContext context, CancellationToken cancellation)
    {
        var config = TrainingMethods.DefaultConfig(spec.Method, spec.Dataset);
        config = TrainingConfigSchema.Apply(config, (IReadOnlyDictionary<string, string>)spec.Settings);
        config = config with { Epochs = spec.Epochs, Seed = spec.Seed };

        var folder = TrialFolder(datasets.Locations.DataRoot, spec.SweepId, spec.Number);
        Directory.CreateDirectory(folder);
        var data = datasets.Open(TrainingMethods.DataFor(config), new PreparationLog(context.Log), cancellation);
        var options = new TrainingRunOptions
        {
            CheckpointPath = Path.Combine(folder, "checkpoint.bin"),
            Device = torch.device(context.Device),
            Progress = p =>
            {
                if (p.Completed is { } m) context.Report(new EpochReport(m.Epoch, m.TrainLoss, m.ValAccuracy, config.Timesteps, m.Seconds));
            },
        };
        context.Log($"training {config.Method} on {config.Dataset}: {string.Join(", ", spec.Settings.Select(kv => $"{kv.Key}={kv.Value}"))}");
        var result = TrainingLoop.Run(config, data, options, cancellation);
        var document = ResultDocument.From(result, Process.GetCurrentProcess().PeakWorkingSet64);
        document.Write(Path.Combine(folder, "result.json"));

        var metrics = new Dictionary<string, double>
        {
            ["valAccuracy"] = result.ValAccuracy,
            ["testAccuracy"] = result.TestAccuracy,
            ["avgTimestep"] = result.AverageTimestep,
            ["secondsPerEpoch"] = result.SecondsPerEpoch,
            ["samplesPerSecond"] = result.SamplesPerSecond,
        };
        var curve = result.Curve.Select(m => new EpochReport(m.Epoch, m.TrainLoss, m.ValAccuracy, result.AverageTimestep, m.Seconds)).ToArray();
        return new TrialOutcome(TrialOutcomeKind.Completed, metrics, null, result.ResumedFromEpoch, curve);
    }

    /// <summary>Where a trial's checkpoint and result live on the shared data root.</summary>
    public static string TrialFolder(string dataRoot, string sweepId, int number) =>
        Path.Combine(dataRoot, "sweeps", sweepId, "trial-" + number.ToString(CultureInfo.InvariantCulture));
}
