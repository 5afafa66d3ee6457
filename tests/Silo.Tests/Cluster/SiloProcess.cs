using System.Diagnostics;
using System.Text;

namespace Snnsweep.Silo.Tests.Cluster;

/// <summary>
/// The real executable started as a silo in a separate process (<c>serve --mode redis</c>), with the options a
/// Kubernetes pod gives it; killed with SIGKILL to play a node that dies.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    /// <param name="role">silo, or dashboard (an Orleans client serving the dashboard).</param>
    /// <param name="environment">Variables a pod would add (the downward API's, say), on top of this process's.</param>
    public SiloProcess(string name, string redis, string dataRoot, int slots, int leaseSeconds, string role = "silo", IReadOnlyDictionary<string, string>? environment = null)
    {
        Name = name;
        HttpPort = LocalPorts.Free();
        var executable = Path.Combine(AppContext.BaseDirectory, "Snnsweep.Silo.dll");
        var arguments = $"\"{executable}\" serve --mode redis --redis {redis} --slots {slots} --silo-port {LocalPorts.Free()} --gateway-port {LocalPorts.Free()} " +
            $"--urls http://127.0.0.1:{HttpPort} --data-root \"{dataRoot}\" --silo-name {name} --lease-seconds {leaseSeconds} --role {role}";
        var start = new ProcessStartInfo("dotnet", arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_gcServer"] = "0" },
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public int HttpPort { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    /// <summary>Waits until the readiness probe answers 200 (the silo joined the cluster).</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout) =>
        Readiness.WaitAsync(_process, $"http://127.0.0.1:{HttpPort}/health/ready", () => Output, $"silo {Name}", timeout);

    public async Task<int> LivenessStatusAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        return (int)(await http.GetAsync($"http://127.0.0.1:{HttpPort}/health/live")).StatusCode;
    }

    /// <summary>SIGKILL: nothing runs on the way down, as when a node dies.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
