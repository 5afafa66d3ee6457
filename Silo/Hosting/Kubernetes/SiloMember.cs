namespace Snnsweep.Silo.Hosting.Kubernetes;

/// <summary>A cluster member as <see cref="PodAgent"/> judges it: its silo name (the pod's name), whether active, whether this silo.</summary>
public sealed record SiloMember(string Name, bool Active, bool IsSelf);
