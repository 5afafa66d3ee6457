using k8s.Models;

namespace Snnsweep.Deployment.Tests.Manifests;

/// <summary>
/// The restricted Pod Security Standard (https://kubernetes.io/docs/concepts/security/pod-security-standards/), as
/// the API server's admission checks a pod of a namespace labelled <c>pod-security.kubernetes.io/enforce:
/// restricted</c>: baseline (no host namespaces, ports or paths, not privileged, only the default capabilities, no
/// custom /proc mount, AppArmor, SELinux type or unsafe sysctl) and restricted (only the volume types below; no
/// privilege escalation; non-root, no uid 0; seccomp RuntimeDefault or Localhost; drop ALL, add at most
/// NET_BIND_SERVICE). On top, what these manifests promise: a read-only root filesystem with a writable
/// <c>/tmp</c>, and no service account token unless the pod calls the Kubernetes API (then as an account of its own).
/// </summary>
internal static class PodSecurityStandard
{
    private static readonly HashSet<string> SafeSysctls =
    [
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.tcp_syncookies",
        "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
    ];

    private static readonly HashSet<string> SafeSeLinuxTypes = ["container_t", "container_init_t", "container_kvm_t", "container_engine_t"];

    /// <summary>What the restricted profile (and these manifests' promises) refuse in a pod; empty when it passes.</summary>
    /// <param name="mayCallApi">
    /// The pod's service account is bound to a role (it calls the Kubernetes API): it must then be a dedicated account,
    /// not the namespace's default, and may mount its token; every other pod must not.
    /// </param>
    public static IReadOnlyList<string> Violations(V1PodSpec pod, bool mayCallApi = false)
    {
        var found = new List<string>();
        void Refuse(bool condition, string what)
        {
            if (condition) found.Add(what);
        }

        var podContext = pod.SecurityContext;
        Refuse(pod.HostNetwork == true, "hostNetwork");
        Refuse(pod.HostPID == true, "hostPID");
        Refuse(pod.HostIPC == true, "hostIPC");
        if (mayCallApi) Refuse(pod.ServiceAccountName is null or "default", "a pod that calls the API runs as the default service account");
        else Refuse(pod.AutomountServiceAccountToken != false, "automountServiceAccountToken is not false");
        foreach (var volume in pod.Volumes ?? [])
        {
            var allowed = volume.ConfigMap is not null || volume.Csi is not null || volume.DownwardAPI is not null || volume.EmptyDir is not null
                || volume.Ephemeral is not null || volume.PersistentVolumeClaim is not null || volume.Projected is not null || volume.Secret is not null;
            Refuse(!allowed, $"volume {volume.Name}: a type the restricted profile refuses (hostPath and the like)");
        }
        Refuse(podContext?.Sysctls?.Any(s => !SafeSysctls.Contains(s.Name)) == true, "unsafe sysctls");
        Refuse(podContext?.RunAsUser == 0, "pod runAsUser 0");
        Refuse(podContext?.SeLinuxOptions is { } podSeLinux && !SeLinuxAllowed(podSeLinux), "pod seLinuxOptions");
        Refuse(podContext?.AppArmorProfile is { } podArmor && podArmor.Type is not ("RuntimeDefault" or "Localhost"), "pod appArmorProfile");

        foreach (var container in (pod.Containers ?? []).Concat(pod.InitContainers ?? []))
        {
            var where = $"container {container.Name}";
            var context = container.SecurityContext;
            Refuse(context?.Privileged == true, $"{where}: privileged");
            Refuse(context?.AllowPrivilegeEscalation != false, $"{where}: allowPrivilegeEscalation is not false");
            Refuse((context?.RunAsNonRoot ?? podContext?.RunAsNonRoot) != true, $"{where}: runAsNonRoot is not true");
            Refuse(context?.RunAsUser == 0, $"{where}: runAsUser 0");
            Refuse((context?.SeccompProfile?.Type ?? podContext?.SeccompProfile?.Type) is not ("RuntimeDefault" or "Localhost"), $"{where}: seccompProfile is not RuntimeDefault or Localhost");
            Refuse(!(context?.Capabilities?.Drop ?? []).Contains("ALL"), $"{where}: capabilities do not drop ALL");
            Refuse((context?.Capabilities?.Add ?? []).Any(c => c != "NET_BIND_SERVICE"), $"{where}: adds capabilities beyond NET_BIND_SERVICE");
            Refuse(context?.ProcMount is { } proc && proc != "Default", $"{where}: procMount");
            Refuse(context?.SeLinuxOptions is { } seLinux && !SeLinuxAllowed(seLinux), $"{where}: seLinuxOptions");
            Refuse(context?.AppArmorProfile is { } armor && armor.Type is not ("RuntimeDefault" or "Localhost"), $"{where}: appArmorProfile");
            Refuse(context?.WindowsOptions?.HostProcess == true, $"{where}: hostProcess");
            Refuse((container.Ports ?? []).Any(p => p.HostPort is > 0), $"{where}: hostPort");
            // Not in the profile, promised by these manifests: nothing writes the image; temporary files go to an
            // emptyDir at /tmp (.NET's diagnostics socket, libtorch and redis-cli write there).
            Refuse(context?.ReadOnlyRootFilesystem != true, $"{where}: readOnlyRootFilesystem is not true");
            var tmp = (container.VolumeMounts ?? []).SingleOrDefault(m => m.MountPath == "/tmp");
            Refuse(tmp is null || tmp.ReadOnlyProperty == true || pod.Volumes?.SingleOrDefault(v => v.Name == tmp.Name)?.EmptyDir is null,
                $"{where}: no writable emptyDir at /tmp");
        }
        return found;

        bool SeLinuxAllowed(V1SELinuxOptions options) =>
            options.User is null && options.Role is null && (options.Type is null || SafeSeLinuxTypes.Contains(options.Type));
    }
}
