using System.Text.Json.Nodes;

namespace Snnsweep.Deployment.Tests.Kustomize;

/// <summary>
/// The part of <c>kustomize build</c> that k8s/ uses, because CI machines have no kustomize binary: resources
/// (files and folders), secret generators (literals and files; create, replace, merge), namespace, JSON6902 patches
/// with a target, replicas and images, applied in kustomize's order (generators, patches, namespace, replicas,
/// images; then the generated Secrets' content-hash name suffix and the references to them). Any other field is
/// refused rather than ignored, so a manifest can never rely on something these tests do not apply. Where kubectl is
/// installed, a test compares the two outputs.
/// </summary>
internal static class Kustomizer
{
    private static readonly HashSet<string> Fields = ["apiVersion", "kind", "resources", "namespace", "patches", "replicas", "images", "secretGenerator"];

    private static readonly HashSet<string> GeneratorFields = ["name", "literals", "files", "behavior"];

    private static readonly HashSet<string> ClusterScopedKinds =
        ["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass", "CustomResourceDefinition", "PriorityClass"];

    private static readonly HashSet<string> ScalableKinds = ["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"];

    public static IReadOnlyList<JsonObject> Build(string folder)
    {
        var generated = new List<JsonObject>();
        var objects = Build(folder, generated);
        foreach (var secret in generated) AppendHash(secret, objects);
        return objects;
    }

    private static List<JsonObject> Build(string folder, List<JsonObject> generated)
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
            if (Directory.Exists(full)) objects.AddRange(Build(full, generated));
            else objects.AddRange(YamlJson.ParseAll(File.ReadAllText(full)).Where(d => d is not null).Select(d => d!.AsObject()));
        }
        foreach (var generator in Items(kustomization["secretGenerator"])) GenerateSecret(folder, generator, objects, generated);

        foreach (var patch in Items(kustomization["patches"])) ApplyPatch(folder, patch, objects);
        if ((string?)kustomization["namespace"] is { } ns)
        {
            foreach (var o in objects.Where(o => !ClusterScopedKinds.Contains(Kind(o)))) Metadata(o)["namespace"] = ns;
            // As kustomize does: a binding's service-account subjects follow the namespace they were given without one.
            foreach (var o in objects.Where(o => Kind(o) is "RoleBinding" or "ClusterRoleBinding"))
            {
                foreach (var subject in (o["subjects"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if ((string?)subject["kind"] == "ServiceAccount" && subject["namespace"] is null) subject["namespace"] = ns;
                }
            }
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

    private static void GenerateSecret(string folder, JsonObject generator, List<JsonObject> objects, List<JsonObject> generated)
    {
        foreach (var (field, _) in generator)
        {
            if (!GeneratorFields.Contains(field)) throw new NotSupportedException($"secretGenerator field '{field}' is not supported by these tests");
        }
        var name = (string?)generator["name"] ?? throw new FormatException("a secretGenerator without name");
        var data = new JsonObject();
        foreach (var literal in Strings(generator["literals"]))
        {
            var equals = literal.IndexOf('=');
            if (equals <= 0) throw new FormatException($"secretGenerator {name}: literal '{literal}' is not key=value");
            var value = literal[(equals + 1)..];
            if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0]) throw new NotSupportedException($"secretGenerator {name}: quoted literal values");
            data[Key(literal[..equals])] = Base64(System.Text.Encoding.UTF8.GetBytes(value));
        }
        foreach (var file in Strings(generator["files"]))
        {
            var equals = file.IndexOf('=');
            var (key, relative) = equals < 0 ? (Path.GetFileName(file), file) : (file[..equals], file[(equals + 1)..]);
            data[Key(key)] = Base64(File.ReadAllBytes(Path.Combine(folder, relative)));
        }

        var existing = generated.SingleOrDefault(o => Name(o) == name && objects.Contains(o));
        switch ((string?)generator["behavior"] ?? "create")
        {
            case "create":
                if (objects.Any(o => Kind(o) == "Secret" && Name(o) == name)) throw new InvalidOperationException($"secretGenerator {name}: a Secret of that name exists (use behavior: replace or merge)");
                var secret = new JsonObject
                {
                    ["apiVersion"] = "v1",
                    ["kind"] = "Secret",
                    ["metadata"] = new JsonObject { ["name"] = name },
                    ["type"] = "Opaque",
                    ["data"] = data,
                };
                objects.Add(secret);
                generated.Add(secret);
                break;
            case "replace":
                (existing ?? throw new InvalidOperationException($"secretGenerator {name}: nothing generated to replace"))["data"] = data;
                break;
            case "merge":
                var merged = (existing ?? throw new InvalidOperationException($"secretGenerator {name}: nothing generated to merge into"))["data"]!.AsObject();
                foreach (var (key, value) in data) merged[key] = value!.DeepClone();
                break;
            default:
                throw new NotSupportedException($"secretGenerator {name}: behavior {generator["behavior"]}");
        }

        // kustomize's encoding: 70-character lines, each ended by a newline, once the text is 70 characters or longer.
        static string Base64(byte[] bytes)
        {
            var text = Convert.ToBase64String(bytes);
            return text.Length < 70 ? text : string.Concat(text.Chunk(70).Select(line => new string(line) + "\n"));
        }

        static string Key(string key) => System.Text.RegularExpressions.Regex.IsMatch(key, "^[-._a-zA-Z0-9]+$") ? key : throw new FormatException($"secret key '{key}'");
    }

    /// <summary>
    /// A generated Secret's name gets kustomize's content hash (so a new password rolls every pod that reads it), and
    /// every reference to it in the same namespace follows. kustomize hashes the JSON of kind, name, type and data;
    /// it looks the name up as one field called "metadata/name", finds none and hashes an empty name (checked
    /// against kubectl).
    /// </summary>
    private static void AppendHash(JsonObject secret, List<JsonObject> objects)
    {
        var data = secret["data"]!.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        // Go's encoding/json: sorted keys, no spaces; keys and base64 values need no escaping but the line breaks.
        var json = "{\"data\":{" + string.Join(',', data.Select(p => $"\"{p.Key}\":\"{((string)p.Value!).Replace("\n", "\\n", StringComparison.Ordinal)}\"")) + "},\"kind\":\"Secret\",\"name\":\"\",\"type\":\"" + (string)secret["type"]! + "\"}";
        var hex = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json)))[..10];
        var suffix = new string(hex.Select(c => c switch { '0' => 'g', '1' => 'h', '3' => 'k', 'a' => 'm', 'e' => 't', _ => c }).ToArray());
        var name = Name(secret)!;
        var hashed = $"{name}-{suffix}";
        var space = (string?)secret["metadata"]!["namespace"];
        Metadata(secret)["name"] = hashed;
        foreach (var o in objects.Where(o => o != secret && (string?)o["metadata"]?["namespace"] == space)) Rename(o);

        void Rename(JsonNode? node)
        {
            if (node is JsonArray array)
            {
                foreach (var item in array) Rename(item);
                return;
            }
            if (node is not JsonObject o) return;
            foreach (var (key, value) in o.ToList())
            {
                // env valueFrom.secretKeyRef, envFrom secretRef, imagePullSecrets: name; volumes' secret: secretName;
                // projected volumes' sources' secret: name.
                if (key is "secretKeyRef" or "secretRef" && value is JsonObject reference && (string?)reference["name"] == name) reference["name"] = hashed;
                else if (key == "secret" && value is JsonObject volume && ((string?)volume["secretName"] == name || (string?)volume["name"] == name))
                    volume[volume.ContainsKey("secretName") ? "secretName" : "name"] = hashed;
                else if (key == "imagePullSecrets" && value is JsonArray pulls)
                    foreach (var pull in pulls.OfType<JsonObject>().Where(p => (string?)p["name"] == name)) pull["name"] = hashed;
                else Rename(value);
            }
        }
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
