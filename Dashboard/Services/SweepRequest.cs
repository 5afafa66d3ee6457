using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Snnsweep.Contracts;

namespace Snnsweep.Dashboard.Services;

/// <summary>
/// The new-sweep form's model, also the JSON a sweep is exported as, imported from and cloned through
/// (the search space inline as an object, so the file reads like the CLI's <c>--space</c> file).
/// </summary>
public sealed partial class SweepRequest
{
    /// <summary>The sweep id; generated from method, dataset and time when empty.</summary>
    public string? Name { get; set; }

    public string Method { get; set; } = "baseline";

    public string Dataset { get; set; } = "demo";

    /// <summary>The defaults every trial starts from: fast or paper (each method's paper settings).</summary>
    public string Preset { get; set; } = "fast";

    /// <summary>Search space JSON (Search's format).</summary>
    public string SpaceJson { get; set; } = "";

    /// <summary>Trainer settings fixed for every trial, one <c>key=value</c> per line.</summary>
    public string Fixed { get; set; } = "";

    /// <summary>accuracy, or accuracy,avgTimestep for the accuracy / latency trade-off.</summary>
    public string Objective { get; set; } = "accuracy";

    public int Trials { get; set; } = 20;

    public int Parallel { get; set; } = 2;

    public string Sampler { get; set; } = SearchChoices.DefaultSampler;

    public string Pruner { get; set; } = SearchChoices.DefaultPruner;

    /// <summary>Epochs every trial runs before the pruner may stop it.</summary>
    public int GracePeriod { get; set; } = 1;

    public int Seed { get; set; } = 1;

    public int Epochs { get; set; } = 5;

    public int Retries { get; set; } = 2;

    /// <summary>The fixed settings as <c>key=value</c> strings (what the trainer's schema takes).</summary>
    /// <exception cref="SweepRequestException">A line is not key=value.</exception>
    public IReadOnlyList<string> FixedSettings()
    {
        var lines = Fixed.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines)
        {
            var eq = line.IndexOf('=');
            if (eq <= 0 || eq == line.Length - 1) throw new SweepRequestException("fixed", $"fixed: '{line}' is not key=value");
        }
        return lines;
    }

    /// <summary>The form prefilled from an existing sweep (clone) or an imported spec.</summary>
    public static SweepRequest From(SweepSpec spec, string? name = null) => new()
    {
        Name = name,
        Method = spec.Method,
        Dataset = spec.Dataset,
        Preset = spec.EffectivePreset,
        SpaceJson = Indent(spec.SpaceJson),
        Fixed = string.Join('\n', spec.Fixed.Select(kv => $"{kv.Key}={kv.Value}")),
        Objective = string.Join(',', spec.Objectives.Select(o => o.Metric == MetricNames.ValAccuracy ? "accuracy" : o.Metric)),
        Trials = spec.Trials,
        Parallel = spec.Parallelism,
        Sampler = spec.Sampler,
        Pruner = spec.Pruner,
        GracePeriod = spec.EffectiveGracePeriod,
        Seed = spec.Seed,
        Epochs = spec.Epochs,
        Retries = spec.MaxRetries,
    };

    public SweepRequest Clone() => (SweepRequest)MemberwiseClone();

    /// <summary>The exported spec file: this request with the space inline.</summary>
    public string ToJson()
    {
        var node = JsonSerializer.SerializeToNode(this, SweepJson.Options)!.AsObject();
        node.Remove("spaceJson");
        node["space"] = JsonNode.Parse(string.IsNullOrWhiteSpace(SpaceJson) ? "{}" : SpaceJson);
        return node.ToJsonString(SweepJson.Options);
    }

    /// <exception cref="SweepRequestException">Not a spec file; the message says what is wrong.</exception>
    public static SweepRequest FromJson(string json, string source)
    {
        try
        {
            var node = JsonNode.Parse(json)?.AsObject() ?? throw new SweepRequestException("import", $"{source} is empty");
            var space = node["space"];
            node.Remove("space");
            var request = node.Deserialize<SweepRequest>(SweepJson.Options) ?? throw new SweepRequestException("import", $"{source} is empty");
            request.SpaceJson = space?.ToJsonString(SweepJson.Options) ?? "";
            return request;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new SweepRequestException("import", $"{source} is not a sweep spec: {e.Message}");
        }
    }

    /// <summary>
    /// Null for a usable sweep id, else what is wrong with it. The id names a folder on the shared data root, so it
    /// stays a plain file name.
    /// </summary>
    public static string? NameProblem(string name) => SweepIds.Problem(name);

    /// <summary>A readable default id: method-dataset-yyyyMMdd-HHmmss.</summary>
    public string EffectiveName(DateTime now) =>
        string.IsNullOrWhiteSpace(Name) ? $"{Method}-{Dataset}-{now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}" : Name.Trim();

    private static string Indent(string json)
    {
        try
        {
            return JsonNode.Parse(json)?.ToJsonString(SweepJson.Options) ?? json;
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
