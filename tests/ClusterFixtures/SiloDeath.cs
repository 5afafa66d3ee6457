namespace Snnsweep.Tests.ClusterFixtures;

/// <summary>A chaos silo process that ended: killed by the experiment's killer, or by a trial it ran (the poison).</summary>
public sealed record SiloDeath(string Silo, int Pid, DateTime At, bool ByKiller);
