using System.Globalization;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Snnsweep.Grains.Slots;

namespace Snnsweep.Silo.Hosting.Kubernetes;

/// <summary>
/// A silo's link to the Kubernetes API (what <c>Microsoft.Orleans.Hosting.Kubernetes</c> does for one Deployment per
/// cluster, kept to what this cluster needs; see orleans-blazor-k8s.md 2.4 for why not the package). Every
/// <see cref="KubernetesSettings.Interval"/>:
/// <list type="bullet">
/// <item>Membership: a silo whose pod has been seen and is now gone (deleted, its node lost) is declared dead at once,
/// instead of after Orleans' missed probes and votes, so its leases' trials go to live silos within seconds. A silo
/// that was never a pod of this cluster (a workstation joined to the same Redis) is left to Orleans.</item>
/// <item>Scale-down: the pod's <c>controller.kubernetes.io/pod-deletion-cost</c> is its busy slots, so a Deployment
/// scaled down removes idle silos before busy ones.</item>
/// </list>
/// Needs a Role with <c>pods: get, list, patch</c> in its namespace (k8s/base/silo-rbac.yaml). An API error is
/// logged once and retried; it never stops the silo.
/// </summary>
public sealed class PodAgent(
    KubernetesSettings settings,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    SlotBoard board,
    ILogger<PodAgent> logger) : BackgroundService
{
    /// <summary>The annotation the ReplicaSet controller reads to choose which pods to delete first (lowest first).</summary>
    public const string DeletionCostAnnotation = "controller.kubernetes.io/pod-deletion-cost";

    private readonly HashSet<string> _seenPods = new(StringComparer.Ordinal);
    private int? _publishedCost;
    private string? _failing;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var client = new k8s.Kubernetes(settings.ApiServer is { } api
            ? new KubernetesClientConfiguration { Host = api.ToString() }
            : KubernetesClientConfiguration.InClusterConfig());
        logger.LogInformation("Kubernetes: pod {Pod} in {Namespace}; silos whose pods ({Selector}) are gone leave membership, deletion cost follows busy slots",
            settings.PodName, settings.Namespace, settings.PodSelector);
        using var timer = new PeriodicTimer(settings.Interval);
        do
        {
            try
            {
                await PublishDeletionCostAsync(client, stoppingToken);
                await RemoveSilosWithoutPodsAsync(client, stoppingToken);
                if (_failing is not null) logger.LogInformation("Kubernetes API answers again");
                _failing = null;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // One line when the API stops answering (RBAC missing, API server down), not one per tick.
                if (_failing is null) logger.LogWarning("Kubernetes API: {Error}; retrying every {Interval}", e.Message, settings.Interval);
                _failing = e.Message;
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task PublishDeletionCostAsync(IKubernetes client, CancellationToken cancellation)
    {
        var busy = board.Running.Count;
        if (busy == _publishedCost) return;
        var annotations = new Dictionary<string, string> { [DeletionCostAnnotation] = busy.ToString(CultureInfo.InvariantCulture) };
        var patch = new V1Patch(new V1Pod { Metadata = new V1ObjectMeta { Annotations = annotations } }, V1Patch.PatchType.MergePatch);
        await client.CoreV1.PatchNamespacedPodAsync(patch, settings.PodName, settings.Namespace, cancellationToken: cancellation);
        _publishedCost = busy;
    }

    private async Task RemoveSilosWithoutPodsAsync(IKubernetes client, CancellationToken cancellation)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync(settings.Namespace, labelSelector: settings.PodSelector, cancellationToken: cancellation);
        var live = pods.Items.Select(p => p.Metadata.Name).ToHashSet(StringComparer.Ordinal);
        _seenPods.UnionWith(live);
        var snapshot = membership.CurrentSnapshot.Members.Values.ToList();
        var members = snapshot.Select(m => new SiloMember(m.Name, m.Status == SiloStatus.Active, m.SiloAddress.Equals(silo.SiloAddress)));
        foreach (var name in SilosWithoutPods(members, live, _seenPods))
        {
            var member = snapshot.First(m => m.Name == name && m.Status == SiloStatus.Active);
            logger.LogWarning("Kubernetes: pod {Pod} is gone; declaring its silo {Silo} dead", name, member.SiloAddress);
            await membership.TryKill(member.SiloAddress);
        }
    }

    /// <summary>
    /// The active silos, other than this one, whose pods were seen before and are no longer listed. A pod that is
    /// terminating is still listed (its silo is handing its trials back), so only a pod that is gone counts.
    /// </summary>
    public static IReadOnlyList<string> SilosWithoutPods(IEnumerable<SiloMember> members, IReadOnlySet<string> livePods, IReadOnlySet<string> seenPods) =>
        members.Where(m => m.Active && !m.IsSelf && seenPods.Contains(m.Name) && !livePods.Contains(m.Name))
            .Select(m => m.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
