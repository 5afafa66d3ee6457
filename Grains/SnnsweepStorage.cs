namespace Snnsweep.Grains;

/// <summary>The grain storage every snnsweep grain persists to (SQLite embedded, Redis in a cluster).</summary>
public static class SnnsweepStorage
{
    public const string Name = "snnsweep";
}
