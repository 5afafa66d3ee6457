using System.Text.Json.Nodes;

namespace Snnsweep.Deployment.Tests.Kustomize;

/// <summary>
/// RFC 6902 JSON patches, the ops the overlays use (add, remove, replace, test). A <c>test</c> that fails, or a path
/// that is not there, stops the build as it stops kustomize.
/// </summary>
internal static class JsonPatch
{
    public static void Apply(JsonNode document, JsonArray operations)
    {
        foreach (var operation in operations.Select(o => o!.AsObject()))
        {
            var op = (string?)operation["op"] ?? throw new FormatException("a patch operation without op");
            var path = (string?)operation["path"] ?? throw new FormatException($"{op} without path");
            switch (op)
            {
                case "add": Add(document, path, Value(operation)); break;
                case "remove": Remove(document, path); break;
                case "replace": Remove(document, path); Add(document, path, Value(operation)); break;
                case "test":
                    var actual = Resolve(document, path);
                    if (!JsonNode.DeepEquals(actual, operation["value"]))
                        throw new InvalidOperationException($"test {path}: expected {operation["value"]?.ToJsonString()}, found {actual?.ToJsonString()}");
                    break;
                default: throw new NotSupportedException($"JSON patch op '{op}'");
            }
        }
    }

    /// <summary>The segments of a JSON pointer, unescaped (<c>nvidia.com~1gpu</c> is the key <c>nvidia.com/gpu</c>).</summary>
    public static IReadOnlyList<string> Segments(string pointer)
    {
        if (pointer == "") return [];
        if (!pointer.StartsWith('/')) throw new FormatException($"JSON pointer '{pointer}' does not start with /");
        return pointer[1..].Split('/').Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToArray();
    }

    private static JsonNode? Value(JsonObject operation) =>
        operation.TryGetPropertyValue("value", out var value) ? value?.DeepClone() : throw new FormatException($"{operation["op"]} {operation["path"]} without value");

    private static JsonNode? Resolve(JsonNode document, string path)
    {
        var node = document;
        foreach (var segment in Segments(path)) node = Child(node, segment, path);
        return node;
    }

    private static JsonNode? Child(JsonNode? node, string segment, string path) => node switch
    {
        JsonObject o when o.TryGetPropertyValue(segment, out var child) => child,
        JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count => a[i],
        _ => throw new InvalidOperationException($"path {path}: no '{segment}'"),
    };

    private static (JsonNode Parent, string Last) Parent(JsonNode document, string path)
    {
        var segments = Segments(path);
        if (segments.Count == 0) throw new NotSupportedException("patching the whole document");
        var parent = document;
        foreach (var segment in segments.Take(segments.Count - 1))
            parent = Child(parent, segment, path) ?? throw new InvalidOperationException($"path {path}: '{segment}' is null");
        return (parent, segments[^1]);
    }

    private static void Add(JsonNode document, string path, JsonNode? value)
    {
        var (parent, last) = Parent(document, path);
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a when last == "-": a.Add(value); break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count: a.Insert(i, value); break;
            default: throw new InvalidOperationException($"path {path}: cannot add at '{last}'");
        }
    }

    private static void Remove(JsonNode document, string path)
    {
        var (parent, last) = Parent(document, path);
        var removed = parent switch
        {
            JsonObject o => o.Remove(last),
            JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count => Remove(a, i),
            _ => false,
        };
        if (!removed) throw new InvalidOperationException($"path {path}: nothing to remove at '{last}'");
    }

    private static bool Remove(JsonArray array, int index)
    {
        array.RemoveAt(index);
        return true;
    }
}
