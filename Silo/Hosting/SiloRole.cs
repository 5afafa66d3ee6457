namespace Snnsweep.Silo.Hosting;

/// <summary>What this process is in the cluster (<c>--role</c>, <c>Snnsweep:Role</c>).</summary>
public enum SiloRole
{
    /// <summary>A cluster member that trains on its slots.</summary>
    Silo,

    /// <summary>An Orleans client that serves the dashboard only.</summary>
    Dashboard,
}
