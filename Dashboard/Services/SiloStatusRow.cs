namespace Snnsweep.Dashboard.Services;

/// <summary>One silo of the membership table.</summary>
public sealed record SiloStatusRow(string Name, string Address, string Status, DateTime StartedAt, string Host);
