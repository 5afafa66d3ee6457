namespace Snnsweep.Silo.Storage;

/// <summary>Where the embedded grain storage keeps its database.</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>Path of the SQLite database file (created with its folder when missing).</summary>
    public string DatabasePath { get; set; } = "snnsweep.db";
}
