namespace Snnsweep.Grains.Contracts;

/// <summary>A queued unit of work: run attempt <see cref="Attempt"/> of trial <see cref="Number"/> of a sweep.</summary>
[GenerateSerializer, Immutable, Alias("snnsweep.TrialTicket")]
public sealed record TrialTicket(
    [property: Id(0)] string SweepId,
    [property: Id(1)] int Number,
    [property: Id(2)] int Attempt)
{
    /// <summary>The trial grain's key: one activation per trial, whatever the attempt.</summary>
    public string TrialKey => $"{SweepId}/{Number}";
}
