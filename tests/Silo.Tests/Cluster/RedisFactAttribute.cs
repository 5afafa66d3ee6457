namespace Snnsweep.Silo.Tests.Cluster;

/// <summary>A test that needs Debian's redis-server (installed by .ci/run); skipped with the reason when it is absent.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Executable is null) Skip = "redis-server is not installed (apt-get install redis-server; .ci/run installs it)";
    }
}
