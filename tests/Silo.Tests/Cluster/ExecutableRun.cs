using System.Diagnostics;
using System.Text;

namespace Snnsweep.Silo.Tests.Cluster;

/// <summary>The real executable (<c>dotnet Snnsweep.Silo.dll ARGS</c>) started with its output collected, as a user's terminal would run it.</summary>
internal static class ExecutableRun
{
    /// <param name="arguments">Everything after <c>Snnsweep.Silo.dll</c>; empty for the main job.</param>
    /// <param name="environment">Variables added to this process's (workstation GC is always set: trials own their threads).</param>
    public static (Process Process, StringBuilder Output) Start(string arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var output = new StringBuilder();
        var start = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "Snnsweep.Silo.dll")}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_gcServer"] = "0" },
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, output);
    }
}
