namespace Snnsweep.Contracts;

/// <summary>Metrics of one finished epoch of a trial.</summary>
[GenerateSerializer, Immutable, Alias("snnsweep.EpochReport")]
public sealed record EpochReport(
    [property: Id(0)] int Epoch,
    [property: Id(1)] double TrainLoss,
    [property: Id(2)] double ValAccuracy,
    [property: Id(3)] double AvgTimestep,
    [property: Id(4)] double Seconds);
