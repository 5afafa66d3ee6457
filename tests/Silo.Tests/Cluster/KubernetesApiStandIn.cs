using System.Collections.Concurrent;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Snnsweep.Silo.Tests.Cluster;

/// <summary>
/// The two calls of the Kubernetes API a silo makes (list the silo pods of a namespace; merge-patch one), served on
/// loopback over plain HTTP: the API server is the one thing a pod has that this machine does not. The pods it lists
/// are the test's to change (a deleted pod is one removed here); every patch is recorded.
/// </summary>
public sealed class KubernetesApiStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, V1Pod> _pods = new();

    public KubernetesApiStandIn(string podNamespace, string labelSelector)
    {
        Url = $"http://127.0.0.1:{LocalPorts.Free()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(Url);
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/api/v1/namespaces/{ns}/pods", (string ns, HttpContext context) =>
        {
            var selector = context.Request.Query["labelSelector"].ToString();
            if (ns != podNamespace || selector != labelSelector) return Results.Json(new { kind = "Status", code = 403 }, statusCode: 403);
            Lists++;
            var list = new V1PodList { ApiVersion = "v1", Kind = "PodList", Metadata = new V1ListMeta(), Items = _pods.Values.ToList() };
            return Results.Content(KubernetesJson.Serialize(list), "application/json");
        });
        _app.MapMethods("/api/v1/namespaces/{ns}/pods/{name}", ["PATCH"], async (string ns, string name, HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (ns != podNamespace || !_pods.TryGetValue(name, out var pod)) return Results.Json(new { kind = "Status", code = 404 }, statusCode: 404);
            if (context.Request.ContentType?.StartsWith("application/merge-patch+json", StringComparison.Ordinal) != true)
                return Results.Json(new { kind = "Status", code = 415 }, statusCode: 415);
            var patch = KubernetesJson.Deserialize<V1Pod>(body);
            lock (Patches) Patches.Add((name, patch.Metadata?.Annotations ?? new Dictionary<string, string>()));
            foreach (var (key, value) in patch.Metadata?.Annotations ?? new Dictionary<string, string>()) (pod.Metadata.Annotations ??= new Dictionary<string, string>())[key] = value;
            return Results.Content(KubernetesJson.Serialize(pod), "application/json");
        });
    }

    public string Url { get; }

    /// <summary>Pod-list calls answered (the agent's ticks).</summary>
    public int Lists { get; private set; }

    /// <summary>Every merge patch, in order: the pod it named and the annotations it set.</summary>
    public List<(string Pod, IDictionary<string, string> Annotations)> Patches { get; } = [];

    public Task StartAsync() => _app.StartAsync();

    public void AddPod(string name) =>
        _pods[name] = new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = new V1ObjectMeta { Name = name, Annotations = new Dictionary<string, string>() } };

    public void DeletePod(string name) => _pods.TryRemove(name, out _);

    /// <summary>The values <paramref name="annotation"/> was patched to on <paramref name="pod"/>, in order.</summary>
    public IReadOnlyList<string> PatchedValues(string pod, string annotation)
    {
        lock (Patches) return Patches.Where(p => p.Pod == pod && p.Annotations.ContainsKey(annotation)).Select(p => p.Annotations[annotation]).ToList();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
