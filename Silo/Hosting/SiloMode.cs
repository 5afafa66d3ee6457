namespace Snnsweep.Silo.Hosting;

/// <summary>How a silo keeps its cluster (<c>--mode</c>, <c>Snnsweep:Mode</c>).</summary>
public enum SiloMode
{
    /// <summary>One machine: localhost clustering, SQLite storage, in-memory reminders.</summary>
    Embedded,

    /// <summary>A cluster: Redis membership, storage and reminders.</summary>
    Redis,
}
