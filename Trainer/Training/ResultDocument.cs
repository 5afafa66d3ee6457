using System.Text.Json;
using Snnsweep.Trainer.Data;

namespace Snnsweep.Trainer.Training;

/// <summary>
/// The <c>result.json</c> of a run: what the sweep records, the dashboard shows and <c>train --config</c> can
/// reproduce. Field names are part of the product's interface; fields are only ever added. Method fields:
/// <c>avgTimestep</c> is T_avg (ssnn's <c>sum n_i T_i / sum n_i</c>), <c>stageTimesteps</c> the steps of each
/// stage, <c>inferenceLayerSteps</c> the weight-layer evaluations per sample, <c>inferenceFiringRates</c> the
/// firing rate of each inference-path spiking layer on the test split, <c>methodMetrics</c> the method's
/// last-epoch means (kt: alignmentLoss, cka, slidingProbability; r2etl: tcka, encoderCka; ssnn: earlyLoss1..),
/// <c>coefficients</c> kt's final w_t, and <c>data</c> the dataset's folder, frame settings, samples used and
/// excluded per split and every excluded recording (file, byte offset, problem). <c>resumedFromEpoch</c> and
/// <c>resumedFromBatch</c> say where a checkpoint resumed the run (after that epoch and that many batches of the next).
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
    int ResumedFromEpoch,
    IReadOnlyList<int>? StageTimesteps = null,
    IReadOnlyList<double>? InferenceFiringRates = null,
    double MeanInferenceFiringRate = double.NaN,
    IReadOnlyDictionary<string, double>? MethodMetrics = null,
    IReadOnlyList<double>? Coefficients = null,
    DatasetReport? Data = null,
    int ResumedFromBatch = 0)
{
    /// <summary>One epoch of the learning curve, with the method's own metrics (empty for the baseline).</summary>
    public sealed record CurvePoint(int Epoch, double TrainLoss, double ValAccuracy, double Seconds, double LearningRate, IReadOnlyDictionary<string, double>? MethodMetrics = null);

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
            result.Curve.Select(e => new CurvePoint(e.Epoch, e.TrainLoss, e.ValAccuracy, e.Seconds, e.LearningRate, e.MethodMetrics ?? Empty)).ToArray(),
            last?.FiringRates ?? [],
            result.WeightLayers,
            result.LayerSteps ?? result.AverageTimestep * result.WeightLayers,
            result.Curve.Count == 0 ? 0 : result.Curve.Average(e => e.DataWaitFraction),
            peakResidentBytes,
            result.ResumedFromEpoch,
            result.StageTimesteps.Count > 0 ? result.StageTimesteps : [config.Timesteps],
            result.InferenceFiringRates,
            result.InferenceFiringRates.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average(),
            last?.MethodMetrics ?? Empty,
            result.Coefficients,
            result.Data,
            result.ResumedFromBatch);
    }

    private static readonly IReadOnlyDictionary<string, double> Empty = new Dictionary<string, double>();

    public void Write(string path) => AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, this, JsonDefaults.Options));
}
