using System.Text.Json;
using Snnsweep.Search.Spaces;

namespace Snnsweep.Contracts;

/// <summary>Checks a sweep spec before any grain stores it; a refusal is a <see cref="SweepSpecException"/> naming the field.</summary>
public static class SweepSpecValidator
{
    public static void Validate(SweepSpec spec)
    {
        Require(!string.IsNullOrWhiteSpace(spec.Method), "method", "is empty");
        Require(!string.IsNullOrWhiteSpace(spec.Dataset), "dataset", "is empty");
        Require(spec.Trials is >= 1 and <= 100_000, "trials", $"{spec.Trials} is outside 1..100000");
        Require(spec.Parallelism is >= 1 and <= 10_000, "parallel", $"{spec.Parallelism} is outside 1..10000");
        Require(spec.Epochs is >= 1 and <= 10_000, "epochs", $"{spec.Epochs} is outside 1..10000");
        Require(spec.GracePeriod >= 1 && spec.GracePeriod <= spec.Epochs, "gracePeriod", $"{spec.GracePeriod} is outside 1..{spec.Epochs} (the epochs per trial)");
        Require(spec.MaxRetries is >= 0 and <= 100, "maxRetries", $"{spec.MaxRetries} is outside 0..100");
        Require(spec.Objectives.Length >= 1, "objective", "needs at least one metric");
        Require(spec.Objectives.Select(o => o.Metric).Distinct().Count() == spec.Objectives.Length, "objective", "names a metric twice");
        Require(SearchChoices.Samplers.Contains(spec.Sampler.ToLowerInvariant()), "sampler", $"'{spec.Sampler}' is not one of {string.Join(", ", SearchChoices.Samplers)}");
        Require(SearchChoices.Pruners.Contains(spec.Pruner.ToLowerInvariant()), "pruner", $"'{spec.Pruner}' is not one of {string.Join(", ", SearchChoices.Pruners)}");
        SearchSpace space;
        try
        {
            space = SearchSpace.FromJson(spec.SpaceJson);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or SearchSpaceException or InvalidOperationException)
        {
            throw new SweepSpecException("space", e.Message, e);
        }
        Require(space.Count > 0, "space", "has no parameter");
        foreach (var key in spec.Fixed.Keys)
            Require(!space.Contains(key), "fixed", $"'{key}' is both fixed and searched");
    }

    /// <summary>Whether two specs describe the same sweep (a repeated create is then a no-op).</summary>
    /// <remarks>
    /// A spec stored before the grace period existed reads back 0, which means the default of 1; one stored before
    /// the preset existed reads back no preset, which means fast.
    /// </remarks>
    public static bool SameSpec(SweepSpec a, SweepSpec b) => JsonSerializer.Serialize(Normal(a)) == JsonSerializer.Serialize(Normal(b));

    private static SweepSpec Normal(SweepSpec spec) =>
        spec with { GracePeriod = spec.EffectiveGracePeriod, Preset = spec.EffectivePreset.ToLowerInvariant() };

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition) throw new SweepSpecException(field, problem);
    }
}
