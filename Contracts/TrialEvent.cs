namespace Snnsweep.Contracts;

/// <summary>One line of a trial's status history: queued, leased by which slot, checkpoint resumed, retried, ended.</summary>
[GenerateSerializer, Immutable, Alias("snnsweep.TrialEvent")]
public sealed record TrialEvent([property: Id(0)] DateTime At, [property: Id(1)] string What);
