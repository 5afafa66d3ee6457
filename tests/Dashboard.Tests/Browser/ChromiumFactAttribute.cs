namespace Snnsweep.Dashboard.Tests.Browser;

/// <summary>A browser test: skipped, saying why, where Debian's Chromium is not installed (.ci/run installs it).</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        Timeout = 15 * 60 * 1000;
        if (!File.Exists(ChromiumPath)) Skip = $"Chromium not found at {ChromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)";
    }

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
}
