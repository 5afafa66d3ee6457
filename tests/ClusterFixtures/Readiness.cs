using System.Diagnostics;

namespace Snnsweep.Tests.ClusterFixtures;

/// <summary>Waits for a started executable's readiness probe, failing early (with its output) if it exits.</summary>
public static class Readiness
{
    public static async Task WaitAsync(Process process, string readyUrl, Func<string> output, string what, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException($"{what} exited with {process.ExitCode}:\n{output()}");
            try
            {
                if ((await http.GetAsync(readyUrl)).IsSuccessStatusCode) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{what} not ready after {timeout}:\n{output()}");
    }
}
