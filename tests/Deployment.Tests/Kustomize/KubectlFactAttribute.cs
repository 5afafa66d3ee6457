namespace Snnsweep.Deployment.Tests.Kustomize;

/// <summary>A test that compares with <c>kubectl kustomize</c>; skipped where kubectl is not installed (CI has none).</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Executable is null) Skip = "kubectl is not installed";
    }

    public static string? Executable =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, "kubectl")).FirstOrDefault(File.Exists);
}
