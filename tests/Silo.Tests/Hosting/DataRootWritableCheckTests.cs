using Microsoft.Extensions.Diagnostics.HealthChecks;
using Snnsweep.Silo.Hosting;

namespace Snnsweep.Silo.Tests.Hosting;

public sealed class DataRootWritableCheckTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-data-root-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_writable_data_root_is_ready_and_keeps_no_probe_file()
    {
        var dataRoot = Path.Combine(_folder, "data");

        Assert.Equal(HealthStatus.Healthy, DataRootWritableCheck.Probe(dataRoot).Status);
        Assert.Empty(Directory.EnumerateFileSystemEntries(dataRoot));
    }

    [Fact]
    public void A_data_root_that_cannot_be_written_is_unready_naming_the_path_and_the_fix()
    {
        // A file where the folder should be: nothing can be created under it, whoever runs the test (root included).
        var dataRoot = Path.Combine(_folder, "not-a-folder");
        File.WriteAllText(dataRoot, "");

        var result = DataRootWritableCheck.Probe(dataRoot);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains($"data root {dataRoot} is not writable", result.Description);
        Assert.Contains("1654:1654", result.Description);
        if (OperatingSystem.IsLinux()) Assert.Matches(@"by uid \d+ gid \d+", result.Description);
    }

    [Fact]
    public async Task The_check_probes_again_only_after_thirty_seconds()
    {
        var dataRoot = Path.Combine(_folder, "later");
        var time = new ManualTime();
        var check = new DataRootWritableCheck(new SiloSettings { DataRoot = dataRoot }, time);
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        Directory.Delete(dataRoot);
        File.WriteAllText(dataRoot, "");
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
        time.Now += TimeSpan.FromSeconds(30);
        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);
    }

    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = DateTimeOffset.UnixEpoch;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
