namespace Snnsweep.Contracts;

/// <summary>One objective of a sweep: a metric of the trial result and whether higher is better.</summary>
/// <param name="Metric">valAccuracy or avgTimestep (or another numeric result field).</param>
/// <param name="Maximize">True to maximise, false to minimise.</param>
[GenerateSerializer, Immutable, Alias("snnsweep.ObjectiveSpec")]
public sealed record ObjectiveSpec([property: Id(0)] string Metric, [property: Id(1)] bool Maximize);
