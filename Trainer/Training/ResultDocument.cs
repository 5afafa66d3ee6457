using System.Text.Json;
using Snnsweep.Trainer.Data;

namespace Snnsweep.Trainer.Training;

/// <summary>
/// The <c>result.json</c> of a run: what the sweep records, the dashboard shows and <c>train --config</c> can
/// reproduce. Field names are part of the product's interface.
/// </summary>
public sealed record ResultDocument(
    string Method,
    string Dataset,
    IReadOnlyDictionary<string, object> Config,
    int Seed,
    int Epochs,
    double ValAccuracy,
    double TestAccuracy,
    double AvgTimestep,
    double SecondsPerEpoch,
    double SamplesPerSecond,
    IReadOnlyList<ResultDocument.CurvePoint> Curve,
    IReadOnlyList<double> FiringRates,
    int WeightLayers,
    double InferenceLayerSteps,
    double DataWaitFraction,
    long PeakResidentBytes,
    int ResumedFromEpoch)
{
    /// <summary>One epoch of the learning curve.</summary>
    public sealed record CurvePoint(int Epoch, double TrainLoss, double ValAccuracy, double Seconds, double LearningRate);

    public static ResultDocument From(TrainingResult result, long peakResidentBytes)
    {
        var config = result.Config;
        var last = result.Curve.Count > 0 ? result.Curve[^1] : null;
        return new ResultDocument(
            config.Method,
            config.Dataset,
            TrainingConfigSchema.Describe(config),
            config.Seed,
            config.Epochs,
            result.ValAccuracy,
            result.TestAccuracy,
            result.AverageTimestep,
            result.SecondsPerEpoch,
            result.SamplesPerSecond,
            result.Curve.Select(e => new CurvePoint(e.Epoch, e.TrainLoss, e.ValAccuracy, e.Seconds, e.LearningRate)).ToArray(),
            last?.FiringRates ?? [],
            result.WeightLayers,
            result.AverageTimestep * result.WeightLayers,
            result.Curve.Count == 0 ? 0 : result.Curve.Average(e => e.DataWaitFraction),
            peakResidentBytes,
            result.ResumedFromEpoch);
    }

    public void Write(string path) => AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, this, JsonDefaults.Options));
}
