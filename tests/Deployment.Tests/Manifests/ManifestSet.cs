using k8s;
using k8s.Models;
using Snnsweep.Deployment.Tests.Kustomize;

namespace Snnsweep.Deployment.Tests.Manifests;

/// <summary>One kustomization under k8s/ rendered and loaded into typed Kubernetes objects (unknown fields refused).</summary>
internal sealed class ManifestSet
{
    private ManifestSet(string name, IReadOnlyList<object> objects)
    {
        Name = name;
        Objects = objects;
    }

    /// <summary>The kustomizations a user can apply or build on: the base and each overlay.</summary>
    public static TheoryData<string> Kustomizations => new() { "base", "overlays/cpu", "overlays/gpu" };

    public static TheoryData<string> Overlays => new() { "overlays/cpu", "overlays/gpu" };

    public string Name { get; }

    public IReadOnlyList<object> Objects { get; }

    public static ManifestSet Render(string kustomization)
    {
        var yaml = Kustomizer.BuildYaml(Path.Combine(RepositoryFolder.Root, "k8s", kustomization));
        return new ManifestSet(kustomization, KubernetesYaml.LoadAllFromString(yaml, typeMap: null, strict: true));
    }

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    public T Named<T>(string name) where T : IMetadata<V1ObjectMeta> =>
        All<T>().SingleOrDefault(o => o.Metadata.Name == name) ?? throw new InvalidOperationException($"{Name}: no {typeof(T).Name} named {name}");

    /// <summary>Every pod template with the workload that owns it.</summary>
    public IEnumerable<(string Workload, V1PodTemplateSpec Template)> PodTemplates() =>
        All<V1Deployment>().Select(d => ($"Deployment/{d.Metadata.Name}", d.Spec.Template))
            .Concat(All<V1StatefulSet>().Select(s => ($"StatefulSet/{s.Metadata.Name}", s.Spec.Template)));

    /// <summary>A container's environment as the kubelet builds it from this set's ConfigMaps and Secrets.</summary>
    /// The pod's namespace is known from the set (the one its objects render into); other downward-API fields are the caller's.
    public Dictionary<string, string> Environment(V1Container container, IReadOnlyDictionary<string, string>? fields = null)
    {
        var known = new Dictionary<string, string>(fields ?? new Dictionary<string, string>());
        if (All<V1Deployment>().Select(d => d.Metadata.NamespaceProperty).FirstOrDefault(n => n is not null) is { } space) known.TryAdd("metadata.namespace", space);
        return PodEnvironment.Resolve(container, All<V1ConfigMap>(), known, All<V1Secret>());
    }

    /// <summary>Whether pods running as <paramref name="serviceAccount"/> are granted any Kubernetes API access by a binding in this set.</summary>
    public bool MayCallTheApi(string? serviceAccount) =>
        serviceAccount is { Length: > 0 } and not "default"
        && All<V1RoleBinding>().Any(b => b.Subjects?.Any(s => s.Kind == "ServiceAccount" && s.Name == serviceAccount) == true);

    public V1Container Container(string deployment, string container) =>
        Named<V1Deployment>(deployment).Spec.Template.Spec.Containers.Single(c => c.Name == container);
}
