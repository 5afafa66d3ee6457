namespace Snnsweep.Trainer.Tests.Data;

/// <summary>
/// Locates the real sample files in <c>../shared/samples</c> next to the repository (the folder holding Cluster.sln).
/// They are never copied into the repository; tests that need them are skipped when the folder is absent.
/// </summary>
public static class SampleFiles
{
    private static readonly Lazy<string?> Root = new(FindRoot);

    public static string? Directory => Root.Value;

    public static bool Available => Root.Value is not null;

    public const string MissingReason = "Real sample files not found: ../shared/samples beside the repository root (the folder with Cluster.sln) is absent.";

    public static string PathOf(string relative) =>
        Path.Combine(Root.Value ?? throw new InvalidOperationException(MissingReason), relative);

    private static string? FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Cluster.sln"))) continue;
            var samples = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "samples"));
            return System.IO.Directory.Exists(samples) ? samples : null;
        }
        return null;
    }
}
