using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Snnsweep.Deployment.Tests.Manifests;

/// <summary>
/// KEDA's <c>ScaledObject</c> (keda.sh/v1alpha1, a custom resource the Kubernetes client has no model for) as its CRD
/// schema defines the fields, with a Prometheus trigger's metadata as the Prometheus scaler reads it. Loaded strictly:
/// a field KEDA does not know, or one put at the wrong level, is refused, as the typed models refuse it for built-in
/// kinds.
/// </summary>
internal sealed record KedaScaledObject(string ApiVersion, string Kind, KedaMetadata Metadata, KedaScaledObjectSpec Spec)
{
    private static readonly JsonSerializerOptions Strict = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public static KedaScaledObject Load(JsonNode node)
    {
        var loaded = node.Deserialize<KedaScaledObject>(Strict) ?? throw new JsonException("empty ScaledObject");
        if (loaded.ApiVersion != "keda.sh/v1alpha1" || loaded.Kind != "ScaledObject") throw new JsonException($"not a ScaledObject: {loaded.ApiVersion} {loaded.Kind}");
        foreach (var trigger in loaded.Spec.Triggers)
        {
            if (trigger.Type != "prometheus") throw new JsonException($"trigger type {trigger.Type}: only prometheus is modelled here");
            trigger.Metadata.Deserialize<KedaPrometheusTrigger>(Strict);
        }
        return loaded;
    }
}

internal sealed record KedaMetadata(string Name, Dictionary<string, string>? Labels = null, Dictionary<string, string>? Annotations = null, string? Namespace = null);

internal sealed record KedaScaledObjectSpec(
    KedaScaleTarget ScaleTargetRef,
    KedaTrigger[] Triggers,
    int? PollingInterval = null,
    int? CooldownPeriod = null,
    int? InitialCooldownPeriod = null,
    int? IdleReplicaCount = null,
    int? MinReplicaCount = null,
    int? MaxReplicaCount = null,
    JsonObject? Fallback = null,
    JsonObject? Advanced = null);

internal sealed record KedaScaleTarget(string Name, string? ApiVersion = null, string? Kind = null, string? EnvSourceContainerName = null);

internal sealed record KedaTrigger(string Type, JsonObject Metadata, string? Name = null, bool? UseCachedMetrics = null, string? MetricType = null, JsonObject? AuthenticationRef = null);

/// <summary>The Prometheus scaler's metadata keys (keda.sh/docs/scalers/prometheus); every value is a string.</summary>
internal sealed record KedaPrometheusTrigger(
    string ServerAddress,
    string Query,
    string Threshold,
    string? ActivationThreshold = null,
    string? Namespace = null,
    string? CustomHeaders = null,
    string? IgnoreNullValues = null,
    string? QueryParameters = null,
    string? UnsafeSsl = null,
    string? TimeoutSeconds = null);
