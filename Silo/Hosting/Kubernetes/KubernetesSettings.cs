using Microsoft.Extensions.Configuration;

namespace Snnsweep.Silo.Hosting.Kubernetes;

/// <summary>
/// What a silo does with the Kubernetes API when it runs in a pod (<see cref="PodAgent"/>): take dead silos out of
/// membership as soon as their pods are gone, and mark its own pod cheap to delete while its slots are idle. Read
/// from <c>Snnsweep__Kubernetes</c> (auto, on, off), the downward API's <c>POD_NAME</c> and <c>POD_NAMESPACE</c>,
/// and <c>Snnsweep__PodSelector</c>.
/// </summary>
public sealed record KubernetesSettings
{
    /// <summary>The pod label every silo of this cluster carries (k8s/base/silo.yaml).</summary>
    public const string DefaultPodSelector = "app.kubernetes.io/component=silo,app.kubernetes.io/part-of=snnsweep";

    /// <summary>Whether the agent runs: on in a pod (the kubelet sets KUBERNETES_SERVICE_HOST) unless turned off.</summary>
    public bool Enabled { get; init; }

    /// <summary>
    /// The API server's address; null for the pod's own (in-cluster configuration: its service-account token and CA).
    /// Tests point it at a local stand-in; nothing else should need it.
    /// </summary>
    public Uri? ApiServer { get; init; }

    public string? Namespace { get; init; }

    public string? PodName { get; init; }

    /// <summary>Labels that select this cluster's silo pods.</summary>
    public string PodSelector { get; init; } = DefaultPodSelector;

    /// <summary>How often the agent compares the pods with membership and publishes the deletion cost.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(2);

    public static KubernetesSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Snnsweep");
        var mode = (section["Kubernetes"] ?? "auto").Trim().ToLowerInvariant();
        var inPod = !string.IsNullOrEmpty(configuration["KUBERNETES_SERVICE_HOST"]);
        var enabled = mode switch
        {
            "auto" or "" => inPod,
            "on" or "true" => true,
            "off" or "false" => false,
            _ => throw new ArgumentException($"kubernetes: '{mode}' is not auto, on or off"),
        };
        var api = section["KubernetesApi"];
        var settings = new KubernetesSettings
        {
            Enabled = enabled,
            ApiServer = string.IsNullOrWhiteSpace(api) ? null
                : Uri.TryCreate(api, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException($"kubernetesApi: '{api}' is not an absolute URL"),
            Namespace = configuration["POD_NAMESPACE"] ?? ReadServiceAccountNamespace(),
            PodName = configuration["POD_NAME"],
            PodSelector = section["PodSelector"] is { Length: > 0 } selector ? selector : DefaultPodSelector,
        };
        if (settings.Enabled && (string.IsNullOrEmpty(settings.Namespace) || string.IsNullOrEmpty(settings.PodName)))
            throw new ArgumentException("kubernetes: the silo runs in a pod but POD_NAME or POD_NAMESPACE is not set (give both from the downward API, or set Snnsweep__Kubernetes=off)");
        return settings;
    }

    /// <summary>The namespace the kubelet mounts with the service-account token, when POD_NAMESPACE is not given.</summary>
    private static string? ReadServiceAccountNamespace()
    {
        const string path = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }
}
