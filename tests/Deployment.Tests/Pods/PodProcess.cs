using System.Diagnostics;
using System.Text;

namespace Snnsweep.Deployment.Tests.Pods;

/// <summary>
/// The silo executable started as a container would start it: the manifest's args after the image's entrypoint
/// (<c>dotnet Snnsweep.Silo.dll</c>) and the manifest's environment, nothing from this test process's settings.
/// </summary>
internal sealed class PodProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public PodProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Snnsweep.Silo.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // Inherited settings would hide a variable the manifest forgot.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("Snnsweep__", StringComparison.Ordinal) || k.StartsWith("ORLEANS_", StringComparison.Ordinal)
                     || k.StartsWith("POD_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k == "SNNSWEEP_DATA_ROOT").ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in environment) start.Environment[key] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>The process itself, for <c>Readiness.WaitAsync</c>.</summary>
    public Process Process => _process;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>SIGTERM, what the kubelet sends first when a pod is deleted or drained.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public Task WaitForExitAsync(CancellationToken cancellation) => _process.WaitForExitAsync(cancellation);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
    }
}
