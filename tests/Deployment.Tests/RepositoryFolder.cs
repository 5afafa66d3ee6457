namespace Snnsweep.Deployment.Tests;

/// <summary>The checkout the tests run from: the manifests and the Dockerfile are read where they are committed.</summary>
internal static class RepositoryFolder
{
    public static string Root { get; } = Find();

    public static string File(string relative) => Path.Combine(Root, relative);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "Cluster.sln"))) return folder.FullName;
        }
        throw new DirectoryNotFoundException($"no Cluster.sln above {AppContext.BaseDirectory}");
    }
}
