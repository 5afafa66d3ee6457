using System.Text.Json.Nodes;

namespace Snnsweep.Deployment.Tests.Kustomize;

/// <summary>
/// The part of <c>kustomize build</c> that k8s/ uses, because CI machines have no kustomize binary: resources
/// (files and folders), namespace, JSON6902 patches with a target, replicas and images, applied in kustomize's
/// order (patches, namespace, replicas, images). Any other field is refused rather than ignored, so a manifest can
/// never rely on something these tests do not apply. Where kubectl is installed, a test compares the two outputs.
/// </summary>
internal static class Kustomizer
{
    private static readonly HashSet<string> Fields = ["apiVersion", "kind", "resources", "namespace", "patches", "replicas", "images"];

    private static readonly HashSet<string> ClusterScopedKinds =
        ["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass", "CustomResourceDefinition", "PriorityClass"];

    private static readonly HashSet<string> ScalableKinds = ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"];

    public static IReadOnlyList<JsonObject> Build(string folder)
    {
        var path = Path.Combine(folder, "kustomization.yaml");
        var kustomization = YamlJson.ParseSingle(File.ReadAllText(path))?.AsObject() ?? throw new FormatException($"{path} is empty");
        foreach (var (field, _) in kustomization)
        {
            if (!Fields.Contains(field)) throw new NotSupportedException($"{path}: kustomization field '{field}' is not supported by these tests");
        }
        if ((string?)kustomization["kind"] is { } kind && kind != "Kustomization") throw new FormatException($"{path}: kind {kind}");

        var objects = new List<JsonObject>();
        foreach (var resource in Strings(kustomization["resources"]))
        {
            var full = Path.GetFullPath(Path.Combine(folder, resource));
            if (Directory.Exists(full)) objects.AddRange(Build(full));
            else objects.AddRange(YamlJson.ParseAll(File.ReadAllText(full)).Where(d => d is not null).Select(d => d!.AsObject()));
        }

        foreach (var patch in Items(kustomization["patches"])) ApplyPatch(folder, patch, objects);
        if ((string?)kustomization["namespace"] is { } ns)
        {
            foreach (var o in objects.Where(o => !ClusterScopedKinds.Contains(Kind(o)))) Metadata(o)["namespace"] = ns;
        }
        foreach (var replicas in Items(kustomization["replicas"])) SetReplicas(replicas, objects);
        foreach (var image in Items(kustomization["images"])) SetImage(image, objects);
        return objects;
    }

    /// <summary>The kustomize output as one YAML stream (each document written as JSON, which is YAML).</summary>
    public static string BuildYaml(string folder) => string.Join("\n---\n", Build(folder).Select(o => o.ToJsonString()));

    /// <summary><c>image</c> with the name of an <c>images</c> entry, rewritten: name, then digest or tag.</summary>
    public static string RewriteImage(string image, JsonObject entry)
    {
        var (name, suffix) = SplitImage(image);
        var newName = (string?)entry["newName"] ?? name;
        if ((string?)entry["digest"] is { } digest) return $"{newName}@{digest}";
        if (entry["newTag"] is { } tag) return $"{newName}:{tag}";
        return newName + suffix;
    }

    /// <summary>An image's name and its tag or digest suffix (<c>:1.0</c>, <c>@sha256:…</c>, or empty).</summary>
    public static (string Name, string Suffix) SplitImage(string image)
    {
        var at = image.IndexOf('@');
        if (at >= 0) return (image[..at], image[at..]);
        var colon = image.LastIndexOf(':');
        // A colon before the last slash belongs to a registry port (localhost:5000/x), not a tag.
        return colon > image.LastIndexOf('/') ? (image[..colon], image[colon..]) : (image, "");
    }

    private static void ApplyPatch(string folder, JsonObject patch, List<JsonObject> objects)
    {
        var text = (string?)patch["patch"] ?? ((string?)patch["path"] is { } file ? File.ReadAllText(Path.Combine(folder, file)) : throw new FormatException("a patch with neither patch nor path"));
        if (YamlJson.ParseSingle(text) is not JsonArray operations)
            throw new NotSupportedException("strategic-merge patches are not supported by these tests; write a JSON6902 patch with a target");
        var target = patch["target"]?.AsObject() ?? throw new NotSupportedException("a JSON6902 patch needs a target");
        foreach (var (field, _) in target)
        {
            if (field is not ("group" or "version" or "kind" or "name")) throw new NotSupportedException($"patch target field '{field}'");
        }
        var matched = objects.Where(o => Matches(o, target)).ToList();
        // kustomize accepts a patch that matches nothing; a typo in a target would then silently do nothing.
        if (matched.Count == 0) throw new InvalidOperationException($"patch target {target.ToJsonString()} matches no object");
        foreach (var o in matched) JsonPatch.Apply(o, operations);
    }

    private static bool Matches(JsonObject o, JsonObject target)
    {
        var apiVersion = (string?)o["apiVersion"] ?? "";
        var slash = apiVersion.IndexOf('/');
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return Same(target["group"], group) && Same(target["version"], version) && Same(target["kind"], Kind(o)) && Same(target["name"], Name(o) ?? "");

        static bool Same(JsonNode? wanted, string actual) => wanted is null || (string?)wanted == actual;
    }

    private static void SetReplicas(JsonObject entry, List<JsonObject> objects)
    {
        var name = (string?)entry["name"];
        var matched = objects.Where(o => ScalableKinds.Contains(Kind(o)) && Name(o) == name).ToList();
        if (matched.Count == 0) throw new InvalidOperationException($"replicas: no workload named {name}");
        foreach (var o in matched) o["spec"]!["replicas"] = entry["count"]!.DeepClone();
    }

    private static void SetImage(JsonObject entry, List<JsonObject> objects)
    {
        var name = (string?)entry["name"] ?? throw new FormatException("an images entry without name");
        foreach (var container in objects.SelectMany(Containers))
        {
            if ((string?)container["image"] is { } image && SplitImage(image).Name == name) container["image"] = RewriteImage(image, entry);
        }
    }

    /// <summary>Every container (and init container) anywhere in an object, such as a pod template's.</summary>
    private static IEnumerable<JsonObject> Containers(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key is "containers" or "initContainers" && p.Value is JsonArray a
            ? a.OfType<JsonObject>()
            : Containers(p.Value)),
        JsonArray a => a.SelectMany(Containers),
        _ => [],
    };

    private static IEnumerable<string> Strings(JsonNode? node) => node is JsonArray a ? a.Select(n => (string)n!) : [];

    private static IEnumerable<JsonObject> Items(JsonNode? node) => node is JsonArray a ? a.Select(n => n!.AsObject()) : [];

    private static JsonObject Metadata(JsonObject o) => o["metadata"]?.AsObject() ?? throw new FormatException($"{Kind(o)} without metadata");

    private static string Kind(JsonObject o) => (string?)o["kind"] ?? throw new FormatException("an object without kind");

    private static string? Name(JsonObject o) => (string?)o["metadata"]?["name"];
}
