using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Snnsweep.Deployment.Tests.Kustomize;

/// <summary>The kustomize subset the manifest tests stand on: it must apply exactly what kustomize applies, or refuse.</summary>
public sealed class KustomizerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("snnsweep-kustomize-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 1
          template:
            spec:
              containers:
                - name: web
                  image: registry.local:5000/web:1.0
                  env:
                    - name: A
                      value: "2"
                  resources:
                    limits:
                      nvidia.com/gpu: 1
              initContainers:
                - name: init
                  image: web
        """;

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private JsonObject BuildOne(string kustomization)
    {
        Write("base/web.yaml", Deployment);
        Write("base/kustomization.yaml", "resources: [web.yaml]\n");
        Write("overlay/kustomization.yaml", kustomization);
        return Assert.Single(Kustomizer.Build(Path.Combine(_folder, "overlay")));
    }

    [Fact]
    public void Quoted_numbers_stay_strings_and_plain_numbers_and_booleans_are_typed()
    {
        var document = YamlJson.ParseSingle("a: \"2\"\nb: 2\nc: yes\nd: true\ne: 1.5\nf: 0.1.0\ng: ~\n")!.AsObject();

        Assert.Equal("2", (string?)document["a"]);
        Assert.Equal(2L, (long?)document["b"]);
        Assert.Equal("yes", (string?)document["c"]);
        Assert.True((bool?)document["d"]);
        Assert.Equal(1.5, (double?)document["e"]);
        Assert.Equal("0.1.0", (string?)document["f"]);
        Assert.Null(document["g"]);
    }

    [Fact]
    public void A_duplicated_key_is_refused_rather_than_the_last_one_winning() =>
        Assert.Throws<YamlDotNet.Core.YamlException>(() => YamlJson.ParseSingle("a: 1\na: 2\n"));

    [Fact]
    public void Json_patches_add_remove_replace_and_unescape_slashes_in_keys()
    {
        var built = BuildOne("""
            resources: [../base]
            patches:
              - target: { kind: Deployment, name: web }
                patch: |-
                  - op: test
                    path: /spec/template/spec/containers/0/env/0/value
                    value: "2"
                  - op: replace
                    path: /spec/template/spec/containers/0/env/0/value
                    value: "3"
                  - op: add
                    path: /spec/template/spec/containers/0/env/-
                    value: { name: B, value: b }
                  - op: add
                    path: /spec/template/spec/containers/0/env/0
                    value: { name: Z, value: z }
                  - op: remove
                    path: /spec/template/spec/containers/0/resources/limits/nvidia.com~1gpu
            """);

        var container = built["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal(["Z", "A", "B"], container["env"]!.AsArray().Select(e => (string)e!["name"]!));
        Assert.Equal("3", (string?)container["env"]![1]!["value"]);
        Assert.Empty(container["resources"]!["limits"]!.AsObject());
    }

    [Fact]
    public void A_failing_test_op_or_a_missing_path_stops_the_build()
    {
        var test = Assert.Throws<InvalidOperationException>(() => BuildOne("""
            resources: [../base]
            patches:
              - target: { kind: Deployment, name: web }
                patch: |-
                  - { op: test, path: /spec/template/spec/containers/0/name, value: other }
            """));
        Assert.Contains("expected \"other\"", test.Message, StringComparison.Ordinal);

        Assert.Throws<InvalidOperationException>(() => BuildOne("""
            resources: [../base]
            patches:
              - target: { kind: Deployment, name: web }
                patch: |-
                  - { op: remove, path: /spec/template/spec/tolerations }
            """));
    }

    [Fact]
    public void A_patch_whose_target_matches_nothing_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => BuildOne("""
            resources: [../base]
            patches:
              - target: { kind: Deployment, name: webb }
                patch: |-
                  - { op: remove, path: /spec/replicas }
            """));

    [Fact]
    public void Images_match_by_name_only_and_keep_their_tag_unless_told()
    {
        Assert.Equal("registry.local:5000/web:2.0", Kustomizer.RewriteImage("registry.local:5000/web:1.0", new JsonObject { ["newTag"] = "2.0" }));
        Assert.Equal("other/web:1.0", Kustomizer.RewriteImage("registry.local:5000/web:1.0", new JsonObject { ["newName"] = "other/web" }));
        Assert.Equal("web@sha256:abc", Kustomizer.RewriteImage("web:1.0", new JsonObject { ["digest"] = "sha256:abc" }));
        Assert.Equal(("localhost:5000/web", ""), Kustomizer.SplitImage("localhost:5000/web"));

        var built = BuildOne("""
            resources: [../base]
            images:
              - { name: web, newName: mirror/web, newTag: "9" }
            """);

        var spec = built["spec"]!["template"]!["spec"]!;
        Assert.Equal("registry.local:5000/web:1.0", (string?)spec["containers"]![0]!["image"]);
        Assert.Equal("mirror/web:9", (string?)spec["initContainers"]![0]!["image"]);
    }

    [Fact]
    public void Namespace_and_replicas_are_set_but_not_on_cluster_scoped_objects()
    {
        Write("base/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: space\n");
        Write("base/web.yaml", Deployment);
        Write("base/kustomization.yaml", "resources: [namespace.yaml, web.yaml]\n");
        Write("overlay/kustomization.yaml", "resources: [../base]\nnamespace: space\nreplicas:\n  - { name: web, count: 4 }\n");

        var built = Kustomizer.Build(Path.Combine(_folder, "overlay"));

        Assert.Null(built.Single(o => (string?)o["kind"] == "Namespace")["metadata"]!["namespace"]);
        var web = built.Single(o => (string?)o["kind"] == "Deployment");
        Assert.Equal("space", (string?)web["metadata"]!["namespace"]);
        Assert.Equal(4L, (long?)web["spec"]!["replicas"]);
    }

    private const string SecretReader = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: reader
        spec:
          template:
            spec:
              containers:
                - name: reader
                  image: reader:1.0
                  env:
                    - name: PASSWORD
                      valueFrom:
                        secretKeyRef: { name: auth, key: password }
                    - name: OTHER
                      valueFrom:
                        secretKeyRef: { name: auth-other, key: password }
                  envFrom:
                    - secretRef: { name: auth }
              volumes:
                - name: auth
                  secret: { secretName: auth }
        """;

    [Fact]
    public void A_generated_secret_is_named_by_its_content_hash_and_every_reference_to_it_follows()
    {
        Write("base/reader.yaml", SecretReader);
        // The hash kubectl kustomize gives this content (kustomize leaves the name out of it).
        Write("base/kustomization.yaml", "resources: [reader.yaml]\nsecretGenerator:\n  - name: auth\n    literals: [password=replace-me-see-k8s-README]\n");

        var built = Kustomizer.Build(Path.Combine(_folder, "base"));

        var secret = built.Single(o => (string?)o["kind"] == "Secret");
        Assert.Equal("auth-2hc2g9kg46", (string?)secret["metadata"]!["name"]);
        Assert.Equal("Opaque", (string?)secret["type"]);
        Assert.Equal("replace-me-see-k8s-README", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)secret["data"]!["password"]!)));
        var pod = built.Single(o => (string?)o["kind"] == "Deployment")["spec"]!["template"]!["spec"]!;
        var container = pod["containers"]![0]!;
        Assert.Equal("auth-2hc2g9kg46", (string?)container["env"]![0]!["valueFrom"]!["secretKeyRef"]!["name"]);
        Assert.Equal("auth-other", (string?)container["env"]![1]!["valueFrom"]!["secretKeyRef"]!["name"]);
        Assert.Equal("auth-2hc2g9kg46", (string?)container["envFrom"]![0]!["secretRef"]!["name"]);
        Assert.Equal("auth-2hc2g9kg46", (string?)pod["volumes"]![0]!["secret"]!["secretName"]);
    }

    [Fact]
    public void An_overlay_replaces_or_merges_a_generated_secret_and_the_new_content_renames_it()
    {
        Write("base/reader.yaml", SecretReader);
        Write("base/kustomization.yaml", "resources: [reader.yaml]\nsecretGenerator:\n  - name: auth\n    literals: [password=replace-me-see-k8s-README]\n");
        Write("overlay/password", "0123abcd");

        var replaced = BuildOverlay("secretGenerator:\n  - name: auth\n    behavior: replace\n    files: [password=password]\n");
        var merged = BuildOverlay("secretGenerator:\n  - name: auth\n    behavior: merge\n    literals: [user=sweep]\n");

        Assert.Equal(["password"], replaced.Data.Select(p => p.Key));
        Assert.Equal("0123abcd", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String((string)replaced.Data["password"]!)));
        Assert.Equal(["password", "user"], merged.Data.Select(p => p.Key).Order());
        Assert.NotEqual("auth-2hc2g9kg46", replaced.Name);
        Assert.NotEqual(replaced.Name, merged.Name);
        Assert.Throws<InvalidOperationException>(() => BuildOverlay("secretGenerator:\n  - name: auth\n    literals: [password=x]\n"));

        (string Name, JsonObject Data) BuildOverlay(string generator)
        {
            Write("overlay/kustomization.yaml", "resources: [../base]\n" + generator);
            var built = Kustomizer.Build(Path.Combine(_folder, "overlay"));
            var secret = built.Single(o => (string?)o["kind"] == "Secret");
            var name = (string)secret["metadata"]!["name"]!;
            Assert.Equal(name, (string?)built.Single(o => (string?)o["kind"] == "Deployment")["spec"]!["template"]!["spec"]!["volumes"]![0]!["secret"]!["secretName"]);
            return (name, secret["data"]!.AsObject());
        }
    }

    [Theory]
    [InlineData("resources: [../base]\nsecretGenerator:\n  - { name: s, envs: [a.env] }\n")]
    [InlineData("resources: [../base]\nsecretGenerator:\n  - { name: s, literals: [a=b], options: { disableNameSuffixHash: true } }\n")]
    [InlineData("resources: [../base]\nnamePrefix: x-\n")]
    [InlineData("resources: [../base]\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata: { name: web }\n")]
    [InlineData("resources: [../base]\npatches:\n  - target: { kind: Deployment, labelSelector: a=b }\n    patch: |-\n      - { op: remove, path: /spec/replicas }\n")]
    public void What_these_tests_cannot_apply_is_refused_rather_than_ignored(string kustomization) =>
        Assert.Throws<NotSupportedException>(() => BuildOne(kustomization));

    [KubectlFact]
    public void Every_kustomization_renders_as_kubectl_kustomize_renders_it()
    {
        foreach (var kustomization in new[] { "base", "overlays/cpu", "overlays/gpu" })
        {
            var folder = Path.Combine(RepositoryFolder.Root, "k8s", kustomization);
            var ours = Kustomizer.Build(folder).ToDictionary(Key, o => (JsonNode)o);
            var theirs = YamlJson.ParseAll(Kubectl("kustomize", folder)).Select(d => d!.AsObject()).ToDictionary(Key, o => (JsonNode)o);

            Assert.Equal(theirs.Keys.Order(), ours.Keys.Order());
            foreach (var (key, expected) in theirs)
            {
                Assert.True(JsonNode.DeepEquals(expected, ours[key]), $"{kustomization} {key}:\nkubectl: {expected.ToJsonString()}\nours:    {ours[key].ToJsonString()}");
            }
        }
    }

    /// <summary>The password override k8s/README.md tells operators to write, rendered by both.</summary>
    [KubectlFact]
    public void An_overlay_that_replaces_the_redis_password_renders_as_kubectl_renders_it()
    {
        var overlay = Path.Combine(_folder, "production");
        Directory.CreateDirectory(overlay);
        var cpu = Path.GetRelativePath(overlay, Path.Combine(RepositoryFolder.Root, "k8s", "overlays", "cpu"));
        Write("production/kustomization.yaml", $"resources: [{cpu}]\nsecretGenerator:\n  - name: redis-auth\n    behavior: replace\n    files: [password=redis-password]\n");
        Write("production/redis-password", Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));

        var ours = Kustomizer.Build(overlay).ToDictionary(Key, o => (JsonNode)o);
        var theirs = YamlJson.ParseAll(Kubectl("kustomize", overlay)).Select(d => d!.AsObject()).ToDictionary(Key, o => (JsonNode)o);

        Assert.Equal(theirs.Keys.Order(), ours.Keys.Order());
        foreach (var (key, expected) in theirs) Assert.True(JsonNode.DeepEquals(expected, ours[key]), $"{key}:\nkubectl: {expected.ToJsonString()}\nours:    {ours[key].ToJsonString()}");
        Assert.DoesNotContain(theirs.Keys, k => k.EndsWith("/redis-auth-2hc2g9kg46", StringComparison.Ordinal));
    }

    private static string Key(JsonObject o) => $"{o["kind"]}/{o["metadata"]!["namespace"]}/{o["metadata"]!["name"]}";

    private static string Kubectl(params string[] arguments)
    {
        var start = new ProcessStartInfo(KubectlFactAttribute.Executable!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', arguments)}: {error.Result}");
        return output;
    }
}
