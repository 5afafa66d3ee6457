namespace Snnsweep.Contracts;

/// <summary>A queued unit of work: run attempt <see cref="Attempt"/> of trial <see cref="Number"/> of a sweep.</summary>
[GenerateSerializer, Immutable, Alias("snnsweep.TrialTicket")]
public sealed record TrialTicket(
    [property: Id(0)] string SweepId,
    [property: Id(1)] int Number,
    [property: Id(2)] int Attempt)
{
    /// <summary>
    /// An attempt before this one ended with its lease expiring (its process died, most likely): this one runs alone
    /// on its silo, so that if it kills its process again it takes no other trial with it and the failure is known to
    /// be its own. A death that takes several trials cannot say which of them caused it.
    /// </summary>
    [Id(3)]
    public bool RunAlone { get; init; }

    /// <summary>
    /// The attempt before this one ran alone and its lease expired: that failure was its own and counts toward the
    /// trial's retries (a lease lost together with other trials' counts for none of them).
    /// </summary>
    [Id(4)]
    public bool LostAlone { get; init; }

    /// <summary>The trial, whatever the attempt ("sweep/number"): for logs and slot views.</summary>
    public string TrialKey => $"{SweepId}/{Number}";

    /// <summary>
    /// The trial grain's key: one grain per attempt ("sweep/number/attempt"), first activated by the slot that leased
    /// the attempt, on that slot's silo. A later attempt is a new grain on its own slot's silo, never an activation
    /// that an earlier attempt or a read left on another silo.
    /// </summary>
    public string AttemptKey => AttemptKeyOf(SweepId, Number, Attempt);

    /// <summary>The trial grain key of attempt <paramref name="attempt"/> of trial <paramref name="number"/>.</summary>
    public static string AttemptKeyOf(string sweepId, int number, int attempt) => $"{sweepId}/{number}/{attempt}";
}
