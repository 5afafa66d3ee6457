using k8s.Models;

namespace Snnsweep.Deployment.Tests.Manifests;

/// <summary>
/// Whether a pod may open a TCP connection to another pod's port in the same namespace under a set of ingress
/// policies, by the NetworkPolicy rules: unselected pods accept everything; selected pods accept what some rule
/// allows. Only the selectors k8s/ uses (matchLabels) are understood; anything else is refused.
/// </summary>
internal static class NetworkPolicies
{
    public static bool Allows(IEnumerable<V1NetworkPolicy> policies, IDictionary<string, string> from, IDictionary<string, string> to, int port)
    {
        var selecting = policies.Where(p => Selects(p.Spec.PodSelector, to) && (p.Spec.PolicyTypes?.Contains("Ingress") ?? true)).ToList();
        if (selecting.Count == 0) return true;
        return selecting.SelectMany(p => p.Spec.Ingress ?? []).Any(rule => PortMatches(rule.Ports, port) && PeerMatches(rule.FromProperty, from));
    }

    public static bool Selects(V1LabelSelector selector, IDictionary<string, string> labels)
    {
        if (selector.MatchExpressions is { Count: > 0 }) throw new NotSupportedException("matchExpressions");
        return (selector.MatchLabels ?? new Dictionary<string, string>()).All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value);
    }

    private static bool PortMatches(IList<V1NetworkPolicyPort>? ports, int port) =>
        ports is null || ports.Count == 0 || ports.Any(p => (p.Protocol ?? "TCP") == "TCP" && p.Port?.Value == port.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static bool PeerMatches(IList<V1NetworkPolicyPeer>? peers, IDictionary<string, string> from)
    {
        if (peers is null || peers.Count == 0) return true;
        foreach (var peer in peers)
        {
            if (peer.NamespaceSelector is not null || peer.IpBlock is not null) throw new NotSupportedException("namespaceSelector and ipBlock peers");
            if (peer.PodSelector is { } selector && Selects(selector, from)) return true;
        }
        return false;
    }
}
