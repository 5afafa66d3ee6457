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
    public Dictionary<string, string> Environment(V1Container container, IReadOnlyDictionary<string, string>? fields = null) =>
        PodEnvironment.Resolve(container, All<V1ConfigMap>(), fields ?? new Dictionary<string, string>(), All<V1Secret>());

    public V1Container Container(string deployment, string container) =>
        Named<V1Deployment>(deployment).Spec.Template.Spec.Containers.Single(c => c.Name == container);
}
