using System.Diagnostics;
using System.Globalization;

namespace Snnsweep.Tests.ClusterFixtures;

/// <summary>
/// One chaos silo, as a process of this executable (<c>silo</c>) that can be killed and started again under the same
/// name and ports, as a pod that Kubernetes restarts in place. Keeps the last lines of every incarnation's output.
/// </summary>
public sealed class ChaosSiloProcess : IDisposable
{
    private const int KeptLines = 60;
    private readonly string _arguments;
    private readonly Queue<string> _output = new();
    private Process? _process;

    public ChaosSiloProcess(string name, string redis, string cluster, string dataRoot, ChaosOptions options)
    {
        Name = name;
        HttpPort = LocalPorts.Free();
        var executable = Path.Combine(AppContext.BaseDirectory, "Snnsweep.Tests.ClusterFixtures.dll");
        _arguments = string.Create(CultureInfo.InvariantCulture,
            $"\"{executable}\" silo --redis {redis} --cluster {cluster} --name {name} --data-root \"{dataRoot}\" --slots {options.SlotsPerSilo} " +
            $"--silo-port {LocalPorts.Free()} --gateway-port {LocalPorts.Free()} --http-port {HttpPort} --lease-seconds {(int)options.LeaseDuration.TotalSeconds} " +
            $"--epoch-ms {(int)options.EpochTime.TotalMilliseconds} --poison-trial {options.PoisonTrial}");
    }

    public string Name { get; }

    public int HttpPort { get; }

    public int Pid => _process?.Id ?? 0;

    public bool HasExited => _process is null || _process.HasExited;

    public string Output
    {
        get { lock (_output) return string.Join("\n", _output); }
    }

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet", _arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["DOTNET_gcServer"] = "0" },
        };
        var process = Process.Start(start)!;
        var pid = process.Id;
        process.OutputDataReceived += (_, e) => Keep(pid, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(pid, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process?.Dispose();
        _process = process;
    }

    public Task WaitUntilReadyAsync(TimeSpan timeout) =>
        Readiness.WaitAsync(_process!, $"http://127.0.0.1:{HttpPort}/health/ready", () => Output, $"chaos silo {Name}", timeout);

    /// <summary>SIGKILL: nothing runs on the way down. Returns the killed process's id.</summary>
    public int Kill()
    {
        var pid = Pid;
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        return pid;
    }

    private void Keep(int pid, string? line)
    {
        if (line is null) return;
        lock (_output)
        {
            _output.Enqueue($"[{pid}] {line}");
            if (_output.Count > KeptLines) _output.Dequeue();
        }
    }

    public void Dispose()
    {
        Kill();
        _process?.Dispose();
    }
}
