using System.Text;
using k8s.Models;
using Microsoft.Extensions.Configuration;

namespace Snnsweep.Deployment.Tests.Manifests;

/// <summary>The base and each overlay, rendered and loaded as typed objects, checked for what breaks a deployment.</summary>
public sealed class ManifestTests
{
    private const string Namespace = "snnsweep";

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void Every_manifest_loads_into_typed_objects_in_the_snnsweep_namespace(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);

        var kinds = set.Objects.Select(o => o.GetType().Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "V1Namespace", "V1ConfigMap", "V1PersistentVolumeClaim", "V1StatefulSet", "V1Deployment", "V1Service", "V1PodDisruptionBudget", "V1NetworkPolicy" }, kinds);
        Assert.All(set.Objects.OfType<IMetadata<V1ObjectMeta>>().Where(o => o is not V1Namespace), o => Assert.Equal(Namespace, o.Metadata.NamespaceProperty));
        Assert.Equal(Namespace, Assert.Single(set.All<V1Namespace>()).Metadata.Name);
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void Selectors_match_the_labels_of_the_pods_they_mean(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);
        var pods = set.PodTemplates().ToList();

        foreach (var deployment in set.All<V1Deployment>()) Assert.True(NetworkPolicies.Selects(deployment.Spec.Selector, deployment.Spec.Template.Metadata.Labels), $"Deployment/{deployment.Metadata.Name}");
        foreach (var stateful in set.All<V1StatefulSet>())
        {
            Assert.True(NetworkPolicies.Selects(stateful.Spec.Selector, stateful.Spec.Template.Metadata.Labels), $"StatefulSet/{stateful.Metadata.Name}");
            Assert.True(set.Named<V1Service>(stateful.Spec.ServiceName).Spec.ClusterIP == "None", $"StatefulSet/{stateful.Metadata.Name}: its service is not headless");
        }
        // Each selector picks exactly the workload it is named for: one, and the one of its component.
        foreach (var service in set.All<V1Service>())
        {
            var selected = pods.Where(p => service.Spec.Selector.All(l => p.Template.Metadata.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).ToList();
            Assert.True(selected.Count == 1, $"Service/{service.Metadata.Name} selects {selected.Count} workloads");
            Assert.Equal(service.Metadata.Labels["app.kubernetes.io/component"], selected[0].Template.Metadata.Labels["app.kubernetes.io/component"]);
        }
        foreach (var budget in set.All<V1PodDisruptionBudget>())
            Assert.Single(pods, p => NetworkPolicies.Selects(budget.Spec.Selector, p.Template.Metadata.Labels));
        foreach (var policy in set.All<V1NetworkPolicy>())
            Assert.Single(pods, p => NetworkPolicies.Selects(policy.Spec.PodSelector, p.Template.Metadata.Labels));
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void Every_container_has_requests_limits_and_probes(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);

        foreach (var (workload, template) in set.PodTemplates())
        {
            foreach (var container in template.Spec.Containers)
            {
                var where = $"{workload}/{container.Name}";
                Assert.True(container.Resources?.Requests?.ContainsKey("cpu") == true, $"{where}: no cpu request");
                Assert.True(container.Resources?.Requests?.ContainsKey("memory") == true, $"{where}: no memory request");
                // The memory limit is what keeps one trial's leak from taking the node; CPU is left burstable.
                Assert.True(container.Resources?.Limits?.ContainsKey("memory") == true, $"{where}: no memory limit");
                Assert.True(container.Resources.Limits["memory"].ToDecimal() >= container.Resources.Requests["memory"].ToDecimal(), $"{where}: limit below request");
                Assert.True(container.ReadinessProbe is not null, $"{where}: no readiness probe");
                Assert.True(container.LivenessProbe is not null, $"{where}: no liveness probe");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void Our_containers_probe_our_own_health_endpoints_on_a_port_they_declare(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);

        foreach (var (deployment, container) in new[] { ("silo", "silo"), ("dashboard", "dashboard") })
        {
            var c = set.Container(deployment, container);
            Assert.Equal("/health/ready", c.ReadinessProbe.HttpGet.Path);
            Assert.Equal("/health/live", c.LivenessProbe.HttpGet.Path);
            Assert.Equal("/health/live", c.StartupProbe.HttpGet.Path);
            foreach (var probe in new[] { c.ReadinessProbe, c.LivenessProbe, c.StartupProbe })
                Assert.Contains(c.Ports, p => p.Name == probe.HttpGet.Port.Value || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == probe.HttpGet.Port.Value);
        }
        foreach (var service in set.All<V1Service>())
        {
            var pod = set.PodTemplates().Single(p => service.Spec.Selector.All(l => p.Template.Metadata.Labels[l.Key] == l.Value));
            foreach (var port in service.Spec.Ports)
                Assert.Contains(pod.Template.Spec.Containers.SelectMany(c => c.Ports), p => p.Name == port.TargetPort.Value);
        }
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void Images_are_pinned_to_a_tag_or_digest(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);

        foreach (var (workload, template) in set.PodTemplates())
        {
            foreach (var container in template.Spec.Containers.Concat(template.Spec.InitContainers ?? []))
            {
                var (_, suffix) = Kustomize.Kustomizer.SplitImage(container.Image);
                Assert.True(suffix.StartsWith("@sha256:", StringComparison.Ordinal) || (suffix.StartsWith(':') && suffix != ":latest"),
                    $"{workload}/{container.Name}: image {container.Image} is not pinned");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Overlays), MemberType = typeof(ManifestSet))]
    public void Overlays_replace_the_image_placeholders_with_the_cpu_or_cuda_image(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);
        var silo = set.Container("silo", "silo").Image;
        var dashboard = set.Container("dashboard", "dashboard").Image;

        Assert.DoesNotContain("snnsweep-", silo, StringComparison.Ordinal);
        Assert.DoesNotContain("snnsweep-", dashboard, StringComparison.Ordinal);
        // The dashboard never needs libtorch's CUDA build; the silo needs it exactly when it has GPUs.
        Assert.DoesNotContain("cuda", dashboard, StringComparison.Ordinal);
        Assert.Equal(Gpus(set.Container("silo", "silo")) > 0, silo.EndsWith("-cuda", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void Silos_have_one_slot_per_gpu_they_request(string kustomization)
    {
        var silo = ManifestSet.Render(kustomization).Container("silo", "silo");
        var slots = Env(silo, "Snnsweep__Slots");

        Assert.True(SlotsAgreeWithGpus(silo, out var reason), $"{kustomization}: {reason}");
        Assert.Equal(kustomization != "overlays/cpu", Gpus(silo) > 0);
        Assert.NotEmpty(Slots(slots));
        // CPU slots split the cores the pod requested (SiloHost divides libtorch's threads between them).
        var cpuSlots = Slots(slots).Count(s => s == "cpu");
        Assert.True(cpuSlots <= silo.Resources.Requests["cpu"].ToDecimal(), $"{kustomization}: {cpuSlots} CPU slots on {silo.Resources.Requests["cpu"]} CPUs");
    }

    [Fact]
    public void The_gpu_check_catches_slots_that_disagree_with_the_gpu_limit()
    {
        var container = ManifestSet.Render("overlays/gpu").Container("silo", "silo");
        Assert.True(SlotsAgreeWithGpus(container, out _));
        container.Env.Single(e => e.Name == "Snnsweep__Slots").Value = "cuda:0,cuda:1";
        Assert.True(SlotsAgreeWithGpus(container, out _));

        container.Env.Single(e => e.Name == "Snnsweep__Slots").Value = "cuda:0";
        Assert.False(SlotsAgreeWithGpus(container, out _));
        container.Env.Single(e => e.Name == "Snnsweep__Slots").Value = "cuda:1,cuda:2";
        Assert.False(SlotsAgreeWithGpus(container, out _));
        container.Env.Single(e => e.Name == "Snnsweep__Slots").Value = "2";
        Assert.False(SlotsAgreeWithGpus(container, out _));
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void The_dashboard_is_a_client_with_no_gpu_no_slots_and_the_token_from_a_secret(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);
        var pod = set.Named<V1Deployment>("dashboard").Spec.Template.Spec;
        var dashboard = set.Container("dashboard", "dashboard");
        var environment = set.Environment(dashboard);

        Assert.Equal(0, Gpus(dashboard));
        Assert.Null(pod.Tolerations);
        Assert.Equal("dashboard", environment["Snnsweep__Role"]);
        Assert.Empty(Slots(environment["Snnsweep__Slots"]));
        Assert.DoesNotContain("Snnsweep__DashboardToken", environment.Keys);
        var tokenFile = environment["Snnsweep__DashboardTokenFile"];
        var mount = Assert.Single(dashboard.VolumeMounts, m => tokenFile.StartsWith(m.MountPath + "/", StringComparison.Ordinal));
        var secret = pod.Volumes.Single(v => v.Name == mount.Name).Secret;
        Assert.Equal("snnsweep-dashboard", secret.SecretName);
        Assert.Contains(secret.Items, i => i.Key == "token" && i.Path == tokenFile[(mount.MountPath.Length + 1)..]);
        // The same cluster as the silos: same Redis, same service and cluster ids.
        var silo = set.Environment(set.Container("silo", "silo"), StandIns);
        foreach (var key in new[] { "Snnsweep__Mode", "Snnsweep__Redis", "ORLEANS_SERVICE_ID", "ORLEANS_CLUSTER_ID" }) Assert.Equal(silo[key], environment[key]);
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void The_dashboard_reads_the_silos_data_volume_read_only_at_the_data_root_its_settings_name(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);
        var pod = set.Named<V1Deployment>("dashboard").Spec.Template.Spec;
        var dashboard = set.Container("dashboard", "dashboard");
        // The token file exists only in the pod (the Secret's mount); settings would read it.
        var environment = set.Environment(dashboard)
            .Where(e => e.Key != "Snnsweep__DashboardTokenFile").ToDictionary();
        var settings = Silo.Hosting.SiloSettings.From(Configuration(environment));
        var siloPod = set.Named<V1Deployment>("silo").Spec.Template.Spec;
        var siloData = Assert.Single(set.Container("silo", "silo").VolumeMounts, m => m.MountPath == settings.DataRoot);

        // The New-sweep form and the Cluster page show the datasets' state as the silos will find them.
        Assert.True(settings.IsDashboardRole);
        var data = Assert.Single(dashboard.VolumeMounts, m => m.MountPath == settings.DataRoot);
        Assert.True(data.ReadOnlyProperty, "the dashboard never writes the data volume");
        var claim = pod.Volumes.Single(v => v.Name == data.Name).PersistentVolumeClaim;
        Assert.Equal(siloPod.Volumes.Single(v => v.Name == siloData.Name).PersistentVolumeClaim.ClaimName, claim.ClaimName);
        Assert.True(claim.ReadOnlyProperty);
        // And a scratch /tmp, since its root filesystem is read-only.
        Assert.Equal(["dashboard-token", "data", "tmp"], pod.Volumes.Select(v => v.Name).Order());
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void Redis_keeps_an_append_only_file_on_a_claimed_volume(string kustomization)
    {
        var redis = ManifestSet.Render(kustomization).Named<V1StatefulSet>("redis");
        var container = Assert.Single(redis.Spec.Template.Spec.Containers);
        var args = container.Args.ToList();

        Assert.Equal("yes", args[args.IndexOf("--appendonly") + 1]);
        var dir = args[args.IndexOf("--dir") + 1];
        var mount = Assert.Single(container.VolumeMounts, m => m.MountPath == dir);
        var claim = Assert.Single(redis.Spec.VolumeClaimTemplates, c => c.Metadata.Name == mount.Name);
        Assert.True(claim.Spec.Resources.Requests["storage"].ToDecimal() > 0);
        Assert.Null(redis.Spec.Template.Spec.Volumes?.SingleOrDefault(v => v.Name == mount.Name));
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void The_silo_environment_makes_a_redis_cluster_member_named_and_addressed_by_its_pod(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);
        var deployment = set.Named<V1Deployment>("silo");
        var container = set.Container("silo", "silo");
        var environment = set.Environment(container, StandIns);

        // The downward API supplies identity; nothing else may.
        Assert.Equal("metadata.name", container.Env.Single(e => e.Name == "POD_NAME").ValueFrom.FieldRef.FieldPath);
        Assert.Equal("status.podIP", container.Env.Single(e => e.Name == "POD_IP").ValueFrom.FieldRef.FieldPath);
        Assert.Equal(["serve"], container.Args);

        var settings = Silo.Hosting.SiloSettings.From(Configuration(environment));
        Assert.True(settings.IsRedis);
        // Silos serve health only; the dashboard Deployment serves the pages (with its token).
        Assert.False(settings.Dashboard, "a silo pod would serve the dashboard");
        Assert.Equal("silo-7d9c-x2k4q", settings.SiloName);
        Assert.Equal("10.1.2.3", settings.AdvertisedAddress?.ToString());
        Assert.Equal("snnsweep", settings.ServiceId);
        Assert.Equal("snnsweep", settings.ClusterId);
        var redis = set.Named<V1Service>("redis");
        var redisOptions = StackExchange.Redis.ConfigurationOptions.Parse(settings.Redis);
        var endpoint = Assert.IsType<System.Net.DnsEndPoint>(Assert.Single(redisOptions.EndPoints));
        Assert.Equal((redis.Metadata.Name, redis.Spec.Ports.Single().Port), (endpoint.Host, endpoint.Port));
        Assert.False(string.IsNullOrEmpty(redisOptions.Password), "the silo would connect without Redis's password");
        Assert.Equal(Port(container, "silo"), settings.SiloPort);
        Assert.Equal(Port(container, "gateway"), settings.GatewayPort);
        var url = new Uri(settings.Urls);
        Assert.Equal(Port(container, "http"), url.Port);
        Assert.False(url.IsLoopback, "the kubelet probes the pod IP");
        var data = Assert.Single(container.VolumeMounts, m => m.MountPath == settings.DataRoot);
        var claim = deployment.Spec.Template.Spec.Volumes.Single(v => v.Name == data.Name).PersistentVolumeClaim.ClaimName;
        var volume = set.Named<V1PersistentVolumeClaim>(claim);
        // Trials resume on other silos: every silo must see the same checkpoints.
        Assert.True(volume.Spec.AccessModes.Contains("ReadWriteMany") || (kustomization == "overlays/cpu" && volume.Spec.AccessModes.Contains("ReadWriteOnce")));
        Assert.Equal(int.Parse(environment["DOTNET_PROCESSOR_COUNT"], System.Globalization.CultureInfo.InvariantCulture),
            (int)Math.Ceiling(container.Resources.Requests["cpu"].ToDecimal()));
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void Silo_pods_get_longer_to_stop_than_the_host_waits_for_checkpoints(string kustomization)
    {
        var pod = ManifestSet.Render(kustomization).Named<V1Deployment>("silo").Spec.Template.Spec;
        var shutdown = HostShutdownTimeout();

        Assert.True(TimeSpan.FromSeconds(pod.TerminationGracePeriodSeconds ?? 30) >= shutdown + TimeSpan.FromSeconds(15),
            $"terminationGracePeriodSeconds {pod.TerminationGracePeriodSeconds} leaves no margin over the host's {shutdown}");
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void Only_silos_and_the_dashboard_reach_redis_and_only_silos_the_silo_port(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);
        var policies = set.All<V1NetworkPolicy>().ToList();
        var silo = set.Named<V1Deployment>("silo").Spec.Template.Metadata.Labels;
        var dashboard = set.Named<V1Deployment>("dashboard").Spec.Template.Metadata.Labels;
        var redis = set.Named<V1StatefulSet>("redis").Spec.Template.Metadata.Labels;
        var stranger = new Dictionary<string, string> { ["app.kubernetes.io/name"] = "debug-shell" };
        var container = set.Container("silo", "silo");
        var (siloPort, gatewayPort, httpPort) = (Port(container, "silo"), Port(container, "gateway"), Port(container, "http"));

        Assert.True(NetworkPolicies.Allows(policies, silo, redis, 6379));
        Assert.True(NetworkPolicies.Allows(policies, dashboard, redis, 6379));
        Assert.False(NetworkPolicies.Allows(policies, stranger, redis, 6379));
        Assert.True(NetworkPolicies.Allows(policies, silo, silo, siloPort));
        Assert.False(NetworkPolicies.Allows(policies, dashboard, silo, siloPort));
        Assert.False(NetworkPolicies.Allows(policies, stranger, silo, siloPort));
        Assert.True(NetworkPolicies.Allows(policies, dashboard, silo, gatewayPort));
        Assert.False(NetworkPolicies.Allows(policies, stranger, silo, gatewayPort));
        // Probes come from the kubelet on the node, so the HTTP ports stay reachable.
        Assert.True(NetworkPolicies.Allows(policies, stranger, silo, httpPort));
        Assert.True(NetworkPolicies.Allows(policies, stranger, dashboard, Port(set.Container("dashboard", "dashboard"), "http")));
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void Our_pods_run_as_the_image_user_without_privileges(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);

        foreach (var (workload, template) in set.PodTemplates())
        {
            Assert.True(template.Spec.SecurityContext?.RunAsNonRoot == true, $"{workload}: may run as root");
            foreach (var container in template.Spec.Containers)
            {
                Assert.False(container.SecurityContext?.AllowPrivilegeEscalation ?? true, $"{workload}/{container.Name}: privilege escalation");
                Assert.Contains("ALL", container.SecurityContext?.Capabilities?.Drop ?? []);
            }
        }
        // The aspnet image's app user (k8s/Dockerfile: USER $APP_UID).
        Assert.Equal(1654, set.Named<V1Deployment>("silo").Spec.Template.Spec.SecurityContext.RunAsUser);
        Assert.Equal(1654, set.Named<V1Deployment>("dashboard").Spec.Template.Spec.SecurityContext.RunAsUser);
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void Every_pod_meets_the_restricted_pod_security_standard_with_a_read_only_root_and_a_writable_tmp(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);

        // The namespace makes the API server refuse any pod that does not.
        var labels = Assert.Single(set.All<V1Namespace>()).Metadata.Labels;
        Assert.True(labels is not null && labels.TryGetValue("pod-security.kubernetes.io/enforce", out var level) && level == "restricted", "the namespace does not enforce the restricted profile");
        var pods = set.PodTemplates().ToList();
        Assert.Equal(["Deployment/dashboard", "Deployment/silo", "StatefulSet/redis"], pods.Select(p => p.Workload).Order());
        foreach (var (workload, template) in pods)
        {
            var violations = PodSecurityStandard.Violations(template.Spec, set.MayCallTheApi(template.Spec.ServiceAccountName));
            Assert.True(violations.Count == 0, $"{kustomization} {workload}: {string.Join("; ", violations)}");
            // A numeric user and group (the kubelet cannot check a named image user against runAsNonRoot), and a
            // group that owns the volumes.
            var context = template.Spec.SecurityContext;
            Assert.True(context.RunAsUser > 0 && context.RunAsGroup > 0 && context.FsGroup > 0, $"{workload}: runAsUser, runAsGroup, fsGroup {context.RunAsUser}, {context.RunAsGroup}, {context.FsGroup}");
        }
        // Ownership of the data volume set once, not walked at every start (a large volume would delay every silo).
        Assert.Equal("OnRootMismatch", set.Named<V1Deployment>("silo").Spec.Template.Spec.SecurityContext.FsGroupChangePolicy);
        // Silos still write their data volume (checkpoints, frame caches); the dashboard only reads it.
        var siloData = Assert.Single(set.Container("silo", "silo").VolumeMounts, m => m.MountPath == "/data");
        Assert.NotEqual(true, siloData.ReadOnlyProperty);
        Assert.True(Assert.Single(set.Container("dashboard", "dashboard").VolumeMounts, m => m.MountPath == "/data").ReadOnlyProperty);
        var redis = set.Named<V1StatefulSet>("redis").Spec.Template.Spec.Containers.Single();
        Assert.NotEqual(true, Assert.Single(redis.VolumeMounts, m => m.MountPath == "/data").ReadOnlyProperty);
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void Silos_may_only_list_and_patch_pods_in_their_namespace_as_an_account_of_their_own(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);
        var silo = set.Named<V1Deployment>("silo").Spec.Template.Spec;
        var binding = Assert.Single(set.All<V1RoleBinding>());
        var subject = Assert.Single(binding.Subjects);
        Assert.Equal(("ServiceAccount", silo.ServiceAccountName, "snnsweep"), (subject.Kind, subject.Name, subject.NamespaceProperty));
        Assert.Equal("Role", binding.RoleRef.Kind);
        var rule = Assert.Single(set.Named<V1Role>(binding.RoleRef.Name).Rules);
        Assert.Equal([""], rule.ApiGroups);
        Assert.Equal(["pods"], rule.Resources);
        Assert.Equal(["get", "list", "patch"], rule.Verbs.Order());
        Assert.Null(rule.ResourceNames);
        Assert.Empty(set.All<V1ClusterRole>());
        Assert.Empty(set.All<V1ClusterRoleBinding>());
        // The account mounts no token by itself; only the silo pod asks for it. The agent finds its pod from the downward API.
        Assert.False(set.Named<V1ServiceAccount>(silo.ServiceAccountName).AutomountServiceAccountToken);
        Assert.True(silo.AutomountServiceAccountToken);
        var environment = set.Environment(set.Container("silo", "silo"), new Dictionary<string, string> { ["metadata.name"] = "silo-0", ["status.podIP"] = "10.0.0.9" });
        Assert.Equal(("silo-0", "snnsweep"), (environment["POD_NAME"], environment["POD_NAMESPACE"]));
        Assert.False(set.MayCallTheApi(set.Named<V1Deployment>("dashboard").Spec.Template.Spec.ServiceAccountName));
    }

    [Fact]
    public void The_restricted_check_catches_what_the_api_server_would_refuse()
    {
        Assert.Empty(PodSecurityStandard.Violations(Dashboard().Spec.Template.Spec));
        // The silo calls the API as its own account; as the default one, or as a pod that may not, it is refused.
        Assert.Empty(PodSecurityStandard.Violations(Silo().Spec.Template.Spec, mayCallApi: true));
        Assert.Contains(PodSecurityStandard.Violations(Silo().Spec.Template.Spec), v => v.Contains("automountServiceAccountToken"));
        var asDefault = Silo().Spec.Template.Spec;
        asDefault.ServiceAccountName = null;
        Assert.Contains(PodSecurityStandard.Violations(asDefault, mayCallApi: true), v => v.Contains("default service account"));

        Refused(p => p.HostNetwork = true, "hostNetwork");
        Refused(p => p.Volumes.Add(new V1Volume { Name = "node", HostPath = new V1HostPathVolumeSource { Path = "/" } }), "volume node");
        Refused(p => p.AutomountServiceAccountToken = null, "automountServiceAccountToken");
        Refused(p => p.SecurityContext.SeccompProfile = null, "seccompProfile");
        Refused(p => p.SecurityContext.RunAsNonRoot = null, "runAsNonRoot");
        Refused(p => p.SecurityContext.RunAsUser = 0, "runAsUser 0");
        Refused(p => p.Containers[0].SecurityContext.Privileged = true, "privileged");
        Refused(p => p.Containers[0].SecurityContext.AllowPrivilegeEscalation = null, "allowPrivilegeEscalation");
        Refused(p => p.Containers[0].SecurityContext.Capabilities.Drop.Clear(), "drop ALL");
        Refused(p => p.Containers[0].SecurityContext.Capabilities.Add = ["SYS_ADMIN"], "beyond NET_BIND_SERVICE");
        Refused(p => p.Containers[0].Ports[0].HostPort = 8080, "hostPort");
        Refused(p => p.Containers[0].SecurityContext.ReadOnlyRootFilesystem = false, "readOnlyRootFilesystem");
        Refused(p => p.Containers[0].VolumeMounts.Remove(p.Containers[0].VolumeMounts.Single(m => m.MountPath == "/tmp")), "/tmp");
        Refused(p => p.Volumes.Single(v => v.Name == "tmp").EmptyDir = null, "/tmp");

        static V1Deployment Silo() => ManifestSet.Render("base").Named<V1Deployment>("silo");
        static V1Deployment Dashboard() => ManifestSet.Render("base").Named<V1Deployment>("dashboard");

        // On the dashboard's pod, which passes as it is and calls no API.
        static void Refused(Action<V1PodSpec> change, string expected)
        {
            var pod = Dashboard().Spec.Template.Spec;
            change(pod);
            Assert.Contains(PodSecurityStandard.Violations(pod), v => v.Contains(expected, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void Redis_requires_the_password_from_its_secret_and_never_evicts_grain_state(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);
        var redis = Assert.Single(set.Named<V1StatefulSet>("redis").Spec.Template.Spec.Containers);
        var environment = set.Environment(redis);
        // The kubelet expands $(NAME) in args from the container's environment.
        var args = redis.Args.Select(a => PodEnvironment.Expand(a, environment)).ToList();
        var (secret, key) = RedisPasswordReference(redis, "REDIS_PASSWORD");

        var password = args[args.IndexOf("--requirepass") + 1];
        Assert.Equal(Encoding.UTF8.GetString(set.Named<V1Secret>(secret).Data[key]), password);
        Assert.False(string.IsNullOrWhiteSpace(password));
        Assert.Equal("$(REDIS_PASSWORD)", redis.Args[args.IndexOf("--requirepass") + 1]);
        Assert.Equal("noeviction", args[args.IndexOf("--maxmemory-policy") + 1]);
        // Past maxmemory, writes fail with an error; it must be reached before the container is OOM-killed.
        var maxMemory = args[args.IndexOf("--maxmemory") + 1];
        Assert.EndsWith("mb", maxMemory, StringComparison.Ordinal);
        Assert.True(decimal.Parse(maxMemory[..^2], System.Globalization.CultureInfo.InvariantCulture) * 1024 * 1024 < redis.Resources.Limits["memory"].ToDecimal(),
            $"maxmemory {maxMemory} is not below the memory limit {redis.Resources.Limits["memory"]}");
        // The probes authenticate with the same password, from the environment (not a command line).
        foreach (var probe in new[] { redis.ReadinessProbe, redis.LivenessProbe })
        {
            Assert.Equal(["sh", "-c"], probe.Exec.Command.Take(2));
            Assert.Contains("REDISCLI_AUTH=\"$REDIS_PASSWORD\" redis-cli ping", probe.Exec.Command[2], StringComparison.Ordinal);
            Assert.Contains("PONG", probe.Exec.Command[2], StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void Every_pod_that_may_reach_redis_connects_with_the_password_from_the_same_secret_key(string kustomization)
    {
        var set = ManifestSet.Render(kustomization);
        var policies = set.All<V1NetworkPolicy>().ToList();
        var redisPod = set.Named<V1StatefulSet>("redis").Spec.Template;
        var redis = Assert.Single(redisPod.Spec.Containers);
        var server = RedisPasswordReference(redis, "REDIS_PASSWORD");
        var password = set.Environment(redis)["REDIS_PASSWORD"];

        var clients = set.PodTemplates().Where(p => p.Template != redisPod && NetworkPolicies.Allows(policies, p.Template.Metadata.Labels, redisPod.Metadata.Labels, 6379)).ToList();
        Assert.Equal(["Deployment/dashboard", "Deployment/silo"], clients.Select(c => c.Workload).Order());
        foreach (var (workload, template) in clients)
        {
            foreach (var container in template.Spec.Containers)
            {
                var options = StackExchange.Redis.ConfigurationOptions.Parse(set.Environment(container, StandIns)["Snnsweep__Redis"]);
                Assert.True(options.Password == password, $"{workload}/{container.Name}: Snnsweep__Redis carries no or another password");
                Assert.Equal(server, RedisPasswordReference(container, "REDIS_PASSWORD"));
            }
        }
    }

    /// <summary>The Secret and key a container's variable comes from.</summary>
    private static (string Secret, string Key) RedisPasswordReference(V1Container container, string variable)
    {
        var reference = container.Env?.SingleOrDefault(e => e.Name == variable)?.ValueFrom?.SecretKeyRef;
        Assert.True(reference is not null, $"{container.Name}: {variable} is not from a Secret");
        return (reference.Name, reference.Key);
    }

    /// <summary>Stand-ins for the downward API's values in a pod the API server would create.</summary>
    internal static IReadOnlyDictionary<string, string> StandIns { get; } = new Dictionary<string, string>
    {
        ["metadata.name"] = "silo-7d9c-x2k4q",
        ["status.podIP"] = "10.1.2.3",
    };

    internal static IConfiguration Configuration(IReadOnlyDictionary<string, string> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.Select(p => new KeyValuePair<string, string?>(p.Key.Replace("__", ":", StringComparison.Ordinal), p.Value)))
            .Build();

    private static bool SlotsAgreeWithGpus(V1Container container, out string reason)
    {
        var slots = Slots(Env(container, "Snnsweep__Slots"));
        var gpus = Gpus(container);
        var requested = Quantity(container.Resources?.Requests, "nvidia.com/gpu");
        var cuda = slots.Where(s => s.StartsWith("cuda:", StringComparison.Ordinal)).ToList();
        // The device plugin numbers the container's GPUs from 0, whatever they are on the node.
        var expected = Enumerable.Range(0, gpus).Select(i => $"cuda:{i}").ToList();
        reason = $"{gpus} GPUs but slots {string.Join(',', slots)}";
        if (requested is { } r && r != gpus) return false;
        // auto: the silo runs one slot per device it sees (SlotPlan), so it agrees with any limit.
        if (slots is [Silo.Hosting.SiloSettings.AutoSlots]) return true;
        return gpus == 0 ? cuda.Count == 0 : slots.SequenceEqual(expected);
    }

    private static IReadOnlyList<string> Slots(string slots) => Silo.Hosting.SiloSettings.ParseSlots(slots);

    private static int Gpus(V1Container container) =>
        (int)(Quantity(container.Resources?.Limits, "nvidia.com/gpu") ?? 0);

    private static decimal? Quantity(IDictionary<string, ResourceQuantity>? quantities, string name) =>
        quantities is not null && quantities.TryGetValue(name, out var quantity) ? quantity.ToDecimal() : null;

    private static string Env(V1Container container, string name) => container.Env.Single(e => e.Name == name).Value;

    private static int Port(V1Container container, string name) => container.Ports.Single(p => p.Name == name).ContainerPort;

    private static TimeSpan HostShutdownTimeout()
    {
        var settings = new Silo.Hosting.SiloSettings { Slots = [], DataRoot = Directory.CreateTempSubdirectory("snnsweep-timeouts-").FullName };
        var app = Silo.Hosting.SiloHost.Build(settings);
        try
        {
            return Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                .GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.Extensions.Hosting.HostOptions>>(app.Services).Value.ShutdownTimeout;
        }
        finally
        {
            ((IDisposable)app).Dispose();
        }
    }
}
