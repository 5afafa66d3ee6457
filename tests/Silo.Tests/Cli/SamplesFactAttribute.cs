namespace Snnsweep.Silo.Tests.Cli;

/// <summary>A fact that needs ../shared/samples beside the repository root; skipped with a clear reason when absent.</summary>
public sealed class SamplesFactAttribute : FactAttribute
{
    public SamplesFactAttribute()
    {
        if (SamplesDirectory is null) Skip = "Real sample files not found: ../shared/samples beside the repository root (the folder with Cluster.sln) is absent.";
    }

    public static string? SamplesDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "Cluster.sln"))) continue;
                var samples = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "samples"));
                return Directory.Exists(samples) ? samples : null;
            }
            return null;
        }
    }
}
