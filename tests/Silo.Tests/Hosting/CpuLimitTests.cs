using Snnsweep.Silo.Hosting;

namespace Snnsweep.Silo.Tests.Hosting;

public sealed class CpuLimitTests
{
    [Theory]
    [InlineData("max 100000\n", null)]
    [InlineData("max", null)]
    [InlineData("200000 100000\n", 2.0)]
    [InlineData("150000 100000", 1.5)]
    [InlineData("50000 100000", 0.5)]
    [InlineData("400000 200000", 2.0)]
    [InlineData("300000", 3.0)]
    [InlineData("", null)]
    [InlineData("garbage 100000", null)]
    [InlineData("200000 0", null)]
    [InlineData("-1 100000", null)]
    [InlineData("200000 100000 7", null)]
    public void A_cgroup_v2_cpu_max_gives_the_quota_in_cpus_or_none(string contents, double? cpus)
    {
        Assert.Equal(cpus, CpuLimit.ParseCpuMax(contents));
    }

    [Theory]
    [InlineData(null, 6, 6)]     // no quota: the processor count (DOTNET_PROCESSOR_COUNT where the pod sets it)
    [InlineData(2.0, 16, 2)]     // a 2-CPU limit on a 16-core node
    [InlineData(1.5, 16, 1)]     // whole CPUs only: a third thread would be throttled
    [InlineData(0.5, 16, 1)]     // at least one
    [InlineData(8.0, 4, 4)]      // never more than the processor count
    [InlineData(null, 0, 1)]
    public void The_cpus_are_the_quota_rounded_down_within_one_and_the_processor_count(double? quota, int processors, int expected)
    {
        Assert.Equal(expected, CpuLimit.FromQuota(quota, processors));
    }

    [Fact]
    public void A_cpu_max_file_is_read_and_a_missing_one_falls_back_to_the_processor_count()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "300000 100000\n");
            Assert.Equal(3.0, CpuLimit.ReadQuota(file));
            Assert.Equal(Math.Min(3, Environment.ProcessorCount), CpuLimit.Read(file));
            File.WriteAllText(file, "max 100000\n");
            Assert.Null(CpuLimit.ReadQuota(file));
            Assert.Equal(Environment.ProcessorCount, CpuLimit.Read(file));
        }
        finally
        {
            File.Delete(file);
        }
        Assert.Null(CpuLimit.ReadQuota(file));
        Assert.Equal(Environment.ProcessorCount, CpuLimit.Read(file));
    }
}
