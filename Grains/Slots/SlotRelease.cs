namespace Snnsweep.Grains.Slots;

/// <summary>How a trial freed its slot: the lease the slot completes with its next one, and the error if it failed.</summary>
public readonly record struct SlotRelease(Guid? LeaseToComplete, string? Failure);
