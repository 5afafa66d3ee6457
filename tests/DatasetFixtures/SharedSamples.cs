namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>
/// The real sample files in <c>../shared/samples</c> beside the repository root (the folder holding Cluster.sln). They
/// come from GPL and CC repositories, so they are read from there and copied only into temporary dataset folders,
/// never into the repository; fixtures that can use them skip them when the folder is absent.
/// </summary>
public static class SharedSamples
{
    private static readonly Lazy<string?> Root = new(Locate);

    /// <summary>The samples folder, or null when this checkout has none beside it.</summary>
    public static string? Directory => Root.Value;

    public static bool Available => Root.Value is not null;

    /// <summary>The path of <paramref name="relative"/> in the samples folder, or null when the folder or the file is absent.</summary>
    public static string? Find(string relative) =>
        Root.Value is { } root && File.Exists(Path.Combine(root, relative)) ? Path.Combine(root, relative) : null;

    private static string? Locate()
    {
        // Walk up from the running assembly (tests and benchmarks run from bin/ inside the repository).
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Cluster.sln"))) continue;
            var samples = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "samples"));
            return System.IO.Directory.Exists(samples) ? samples : null;
        }
        return null;
    }
}
