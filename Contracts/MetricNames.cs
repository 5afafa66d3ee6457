namespace Snnsweep.Contracts;

/// <summary>
/// The names of the metrics a trial reports (<see cref="TrialOutcome.Metrics"/>) and a sweep may optimise
/// (<see cref="ObjectiveSpec.Metric"/>): the one place the runner that writes them and every reader take them from.
/// </summary>
public static class MetricNames
{
    /// <summary>Accuracy on the validation split at the last epoch (maximised).</summary>
    public const string ValAccuracy = "valAccuracy";

    /// <summary>Accuracy on the test split, measured once at the end (reported, never optimised).</summary>
    public const string TestAccuracy = "testAccuracy";

    /// <summary>Time steps an inference takes on average (ssnn's early exits lower it; minimised).</summary>
    public const string AvgTimestep = "avgTimestep";

    public const string SecondsPerEpoch = "secondsPerEpoch";

    public const string SamplesPerSecond = "samplesPerSecond";
}
