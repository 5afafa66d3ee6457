namespace Snnsweep.Trainer.Data.Events;

/// <summary>One output stream declared in an AEDAT 4 description (e.g. id 0, "EVTS", 320x240).</summary>
public sealed record Aedat4Stream(int Id, string TypeIdentifier, int? Width, int? Height);
