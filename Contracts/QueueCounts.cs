namespace Snnsweep.Contracts;

/// <summary>How many tickets wait and how many are leased: what autoscaling and the metrics read, without the queue itself.</summary>
[GenerateSerializer, Immutable, Alias("snnsweep.QueueCounts")]
public sealed record QueueCounts([property: Id(0)] int Waiting, [property: Id(1)] int Leased);
