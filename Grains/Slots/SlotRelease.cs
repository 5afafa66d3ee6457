namespace Snnsweep.Grains.Slots;

/// <summary>
/// How a trial freed its slot: the lease the slot settles (completes as it asks for its next one, or hands back to the
/// queue for another attempt when <paramref name="HandBack"/>; null when there is none to settle) and the error if it failed.
/// </summary>
public readonly record struct SlotRelease(Guid? Lease, string? Failure, bool HandBack = false)
{
    /// <summary>The lease to complete together with the next lease request; null when it is handed back or there is none.</summary>
    public Guid? LeaseToComplete => HandBack ? null : Lease;
}
