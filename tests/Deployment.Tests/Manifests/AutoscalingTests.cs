using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Snnsweep.Deployment.Tests.Kustomize;
using Snnsweep.Grains.Slots;
using Snnsweep.Grains.Telemetry;

namespace Snnsweep.Deployment.Tests.Manifests;

/// <summary>The optional KEDA component scales the silo Deployment on metrics the silos really export.</summary>
public sealed partial class AutoscalingTests
{
    private static JsonNode ScaledObject() =>
        YamlJson.ParseSingle(File.ReadAllText(Path.Combine(RepositoryFolder.Root, "k8s", "autoscaling", "scaled-object.yaml")))!;

    [Fact]
    public void The_scaled_object_targets_the_silo_deployment_and_its_component_lists_it()
    {
        var target = ScaledObject()["spec"]!["scaleTargetRef"]!["name"]!.GetValue<string>();
        var component = YamlJson.ParseSingle(File.ReadAllText(Path.Combine(RepositoryFolder.Root, "k8s", "autoscaling", "kustomization.yaml")))!;

        Assert.Contains(ManifestSet.Render("base").All<V1Deployment>(), d => d.Metadata.Name == target && d.Spec.Template.Metadata.Labels["app.kubernetes.io/component"] == "silo");
        Assert.Equal("Component", component["kind"]!.GetValue<string>());
        Assert.Contains("scaled-object.yaml", component["resources"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    [Fact]
    public void Every_metric_the_query_reads_is_one_a_silo_exports_and_the_threshold_is_the_slots_of_a_gpu_silo()
    {
        var trigger = ScaledObject()["spec"]!["triggers"]!.AsArray().Single()!["metadata"]!;
        var query = trigger["query"]!.GetValue<string>();
        var threshold = int.Parse(trigger["threshold"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        var exported = ExportedPrometheusNames();
        var read = MetricName().Matches(query).Select(m => m.Value).ToArray();
        var gpuSilo = ManifestSet.Render("overlays/gpu").Container("silo", "silo");
        var gpus = (int)gpuSilo.Resources.Limits["nvidia.com/gpu"].ToDecimal();

        Assert.NotEmpty(read);
        Assert.All(read, name => Assert.Contains(name, exported));
        Assert.Equal(gpus, threshold);
    }

    [Fact]
    public void The_scaled_object_loads_strictly_as_keda_defines_it_and_a_misplaced_field_is_refused()
    {
        var scaled = KedaScaledObject.Load(ScaledObject());
        Assert.Equal("silo", scaled.Spec.ScaleTargetRef.Name);

        // A trigger setting one level too high, and a field KEDA does not have: both refused.
        var misplaced = ScaledObject();
        misplaced["spec"]!["threshold"] = "2";
        Assert.Throws<System.Text.Json.JsonException>(() => KedaScaledObject.Load(misplaced));
        var unknown = ScaledObject();
        unknown["spec"]!["triggers"]![0]!["metadata"]!["treshold"] = "2";
        Assert.Throws<System.Text.Json.JsonException>(() => KedaScaledObject.Load(unknown));
    }

    [Fact]
    public void The_hpa_alternative_scales_the_silo_deployment_on_the_same_demand_within_the_same_bounds_as_keda()
    {
        var folder = Path.Combine(RepositoryFolder.Root, "k8s", "autoscaling-hpa");
        var component = YamlJson.ParseSingle(File.ReadAllText(Path.Combine(folder, "kustomization.yaml")))!;
        var file = Assert.Single(component["resources"]!.AsArray())!.GetValue<string>();
        // Strictly typed: a field the API would refuse (or a misplaced one) fails here.
        var hpa = Assert.IsType<V2HorizontalPodAutoscaler>(Assert.Single(k8s.KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(folder, file)), typeMap: null, strict: true)));
        var keda = ScaledObject()["spec"]!;
        var trigger = keda["triggers"]!.AsArray().Single()!["metadata"]!;

        Assert.Equal("Component", component["kind"]!.GetValue<string>());
        Assert.Equal(("apps/v1", "Deployment", "silo"), (hpa.Spec.ScaleTargetRef.ApiVersion, hpa.Spec.ScaleTargetRef.Kind, hpa.Spec.ScaleTargetRef.Name));
        Assert.Equal(((int)keda["minReplicaCount"]!.GetValue<long>(), (int)keda["maxReplicaCount"]!.GetValue<long>()), (hpa.Spec.MinReplicas!.Value, hpa.Spec.MaxReplicas));
        var metric = Assert.Single(hpa.Spec.Metrics);
        Assert.Equal("External", metric.Type);
        Assert.Equal("AverageValue", metric.External.Target.Type);
        Assert.Equal(trigger["threshold"]!.GetValue<string>(), metric.External.Target.AverageValue.ToString());
        Assert.Equal((int)keda["cooldownPeriod"]!.GetValue<long>(), hpa.Spec.Behavior.ScaleDown.StabilizationWindowSeconds);
        // The adapter rule the README gives computes that metric from the query KEDA uses, on metrics a silo exports.
        var readme = File.ReadAllText(Path.Combine(RepositoryFolder.Root, "k8s", "README.md"));
        Assert.Contains($"name: {{ as: {metric.External.Metric.Name} }}", readme);
        Assert.Contains($"metricsQuery: {trigger["query"]!.GetValue<string>()}", readme);
    }

    [Theory]
    [MemberData(nameof(ManifestSet.Kustomizations), MemberType = typeof(ManifestSet))]
    public void Silo_pods_invite_prometheus_to_the_port_that_serves_metrics(string kustomization)
    {
        var silo = ManifestSet.Render(kustomization).All<V1Deployment>().Single(d => d.Metadata.Name == "silo");
        var annotations = silo.Spec.Template.Metadata.Annotations;
        var http = silo.Spec.Template.Spec.Containers.Single(c => c.Name == "silo").Ports.Single(p => p.Name == "http");

        Assert.Equal("true", annotations["prometheus.io/scrape"]);
        Assert.Equal(http.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), annotations["prometheus.io/port"]);
        Assert.Equal("/metrics", annotations["prometheus.io/path"]);
    }

    /// <summary>The silo's instruments as the Prometheus exporter names them: dots to underscores, counters + _total.</summary>
    private static HashSet<string> ExportedPrometheusNames()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var names = new HashSet<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name != SnnsweepMetrics.MeterName) return;
            var name = instrument.Name.Replace('.', '_');
            names.Add(instrument is Counter<long> ? name + "_total" : name);
        };
        listener.Start();
        _ = new SnnsweepMetrics(services.GetRequiredService<IMeterFactory>(), new SlotBoard(), Options.Create(new SlotOptions()));
        return names;
    }

    [GeneratedRegex(@"snnsweep_[a-z_]+")]
    private static partial Regex MetricName();
}
