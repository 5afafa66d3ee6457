namespace Snnsweep.Contracts;

/// <summary>The name a slot leases under (<c>silo/slot</c>), built and read in this one place.</summary>
public static class SlotOwner
{
    public static string Of(string silo, int slot) => $"{silo}/{slot}";

    /// <summary>The silo part of an owner.</summary>
    public static string SiloOf(string owner) => owner[..Math.Max(0, owner.LastIndexOf('/'))];
}
