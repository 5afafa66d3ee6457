using System.Diagnostics;
using System.Text;

namespace Snnsweep.Dashboard.Tests.Browser;

/// <summary>
/// The real executable run as the workstation runs it (<c>serve</c>: embedded silo + dashboard) in its own
/// process, with its own SQLite database and a shared data root (the demo frames are simulated once).
/// </summary>
public sealed class DashboardProcess : IDisposable
{
    public static readonly string SharedDataRoot = Path.Combine(Path.GetTempPath(), "snnsweep-tests-data");

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _database;

    /// <param name="bind">Host to listen on: 127.0.0.1, or 0.0.0.0 to play a dashboard exposed to the network.</param>
    /// <param name="token">The operator token, given as the environment variable a Kubernetes Secret would set.</param>
    /// <param name="dataRoot">The data root (datasets, frame packs); by default the tests' shared one.</param>
    public DashboardProcess(string bind = "127.0.0.1", string? token = null, int slots = 2, string? dataRoot = null)
    {
        HttpPort = LocalPorts.Free();
        _database = Path.Combine(Path.GetTempPath(), $"snnsweep-e2e-{Guid.NewGuid():N}.db");
        var executable = Path.Combine(AppContext.BaseDirectory, "Snnsweep.Silo.dll");
        var start = new ProcessStartInfo("dotnet",
            $"\"{executable}\" serve --mode embedded --slots {slots} --urls http://{bind}:{HttpPort} --silo-port {LocalPorts.Free()} --gateway-port {LocalPorts.Free()} --data-root \"{dataRoot ?? SharedDataRoot}\"")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Snnsweep__DatabasePath"] = _database, ["DOTNET_gcServer"] = "0" },
        };
        if (token is not null) start.Environment["Snnsweep__DashboardToken"] = token;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int HttpPort { get; }

    public string BaseUrl => $"http://127.0.0.1:{HttpPort}";

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public Task WaitUntilReadyAsync(TimeSpan timeout) => Readiness.WaitAsync(_process, $"{BaseUrl}/health/ready", () => Output, "the silo", timeout);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            try { File.Delete(file); } catch (IOException) { }
        }
    }
}
