using k8s.Models;

namespace Snnsweep.Deployment.Tests.Manifests;

/// <summary>
/// The environment a container gets, as the kubelet builds it: <c>envFrom</c> ConfigMaps first, then <c>env</c>
/// (which wins), each <c>value</c> with its <c>$(NAME)</c> references to variables defined before it expanded.
/// Downward-API fields come from <paramref name="fields"/>, standing in for the pod the API server would create;
/// resource fields from the container's own resources; Secret keys from the rendered Secrets.
/// </summary>
internal static class PodEnvironment
{
    public static Dictionary<string, string> Resolve(V1Container container, IEnumerable<V1ConfigMap> configMaps, IReadOnlyDictionary<string, string> fields, IEnumerable<V1Secret>? secrets = null)
    {
        var maps = configMaps.ToDictionary(m => m.Metadata.Name);
        var secretsByName = (secrets ?? []).ToDictionary(m => m.Metadata.Name);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var source in container.EnvFrom ?? [])
        {
            if (source.ConfigMapRef is null) throw new NotSupportedException($"{container.Name}: envFrom other than a ConfigMap");
            var map = maps.GetValueOrDefault(source.ConfigMapRef.Name) ?? throw new InvalidOperationException($"{container.Name}: no ConfigMap {source.ConfigMapRef.Name}");
            foreach (var (key, value) in map.Data ?? new Dictionary<string, string>()) environment[(source.Prefix ?? "") + key] = value;
        }
        foreach (var variable in container.Env ?? [])
        {
            environment[variable.Name] = variable.ValueFrom switch
            {
                null => Expand(variable.Value ?? "", environment),
                { FieldRef: { } field } => fields.GetValueOrDefault(field.FieldPath) ?? throw new InvalidOperationException($"{variable.Name}: no stand-in for {field.FieldPath}"),
                { ConfigMapKeyRef: { } key } => (maps.TryGetValue(key.Name, out var keyMap) && keyMap.Data is { } data && data.TryGetValue(key.Key, out var keyValue) ? keyValue : null) ?? throw new InvalidOperationException($"{variable.Name}: no {key.Name}/{key.Key}"),
                { ResourceFieldRef: { } resource } => Resource(container, resource),
                { SecretKeyRef: { } key } => (secretsByName.TryGetValue(key.Name, out var secret) && secret.Data is { } bytes && bytes.TryGetValue(key.Key, out var secretValue)
                    ? System.Text.Encoding.UTF8.GetString(secretValue) : null) ?? throw new InvalidOperationException($"{variable.Name}: no Secret key {key.Name}/{key.Key}"),
                _ => throw new NotSupportedException($"{variable.Name}: valueFrom other than fieldRef, configMapKeyRef, resourceFieldRef or secretKeyRef"),
            };
        }
        return environment;
    }

    /// <summary>
    /// <c>$(NAME)</c> replaced by the variable's value where it is defined, left as written where not; <c>$$</c> is a
    /// literal <c>$</c>. The kubelet's rule for env values, command and args.
    /// </summary>
    public static string Expand(string text, IReadOnlyDictionary<string, string> environment)
    {
        var result = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '$' || i + 1 == text.Length) result.Append(text[i]);
            else if (text[i + 1] == '$') result.Append(text[++i]);
            else if (text[i + 1] == '(' && text.IndexOf(')', i + 2) is var close and > 0 && environment.TryGetValue(text[(i + 2)..close], out var value))
            {
                result.Append(value);
                i = close;
            }
            else result.Append(text[i]);
        }
        return result.ToString();
    }

    /// <summary>A resource field as the kubelet exposes it: the quantity divided by the divisor, rounded up.</summary>
    private static string Resource(V1Container container, V1ResourceFieldSelector selector)
    {
        var parts = selector.Resource.Split('.', 2);
        var quantities = parts[0] == "requests" ? container.Resources?.Requests : container.Resources?.Limits;
        var quantity = (quantities is not null && quantities.TryGetValue(parts[1], out var found) ? found : null) ?? throw new InvalidOperationException($"{container.Name}: {selector.Resource} is not set");
        var divisor = selector.Divisor?.ToDecimal() ?? 1m;
        return ((long)Math.Ceiling(quantity.ToDecimal() / divisor)).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
