namespace Snnsweep.Contracts;

/// <summary>What a sweep searches: validated by <c>SweepSpecValidator</c> before any grain sees it.</summary>
/// <param name="Method">Training method (baseline, kt, ssnn, r2etl).</param>
/// <param name="Dataset">Dataset name.</param>
/// <param name="SpaceJson">The search space as a Search <c>SearchSpaceDocument</c> JSON; parameter names are trainer config keys.</param>
/// <param name="Objectives">Objectives in priority order; the first drives pruning.</param>
/// <param name="Trials">Budget: how many trials to run in total.</param>
/// <param name="Parallelism">How many trials may run at once.</param>
/// <param name="Sampler">gp, tpe, random or sobol.</param>
/// <param name="Pruner">asha, median or none.</param>
/// <param name="Seed">Seed of the sampler and of every trial's training.</param>
/// <param name="Epochs">Epochs per trial (the maximum resource of the pruner).</param>
/// <param name="Fixed">Trainer config keys fixed for every trial (key -&gt; value).</param>
/// <param name="MaxRetries">How often a failed trial is retried before it counts as failed.</param>
[GenerateSerializer, Immutable, Alias("snnsweep.SweepSpec")]
public sealed record SweepSpec(
    [property: Id(0)] string Method,
    [property: Id(1)] string Dataset,
    [property: Id(2)] string SpaceJson,
    [property: Id(3)] ObjectiveSpec[] Objectives,
    [property: Id(4)] int Trials,
    [property: Id(5)] int Parallelism,
    [property: Id(6)] string Sampler,
    [property: Id(7)] string Pruner,
    [property: Id(8)] int Seed,
    [property: Id(9)] int Epochs,
    [property: Id(10)] Dictionary<string, string> Fixed,
    [property: Id(11)] int MaxRetries)
{
    /// <summary>
    /// Epochs every trial runs before the pruner may stop it (Ray Tune's grace_period): ASHA's first rung and the
    /// median rule's warm-up. Slow starters such as kt, whose event head trains under a down-weighted loss, are
    /// otherwise judged at epoch 1. Read through <see cref="EffectiveGracePeriod"/>: a spec stored before this
    /// field existed reads back 0.
    /// </summary>
    [Id(12)]
    public int GracePeriod { get; init; } = 1;

    /// <summary>The grace period, at least one epoch.</summary>
    public int EffectiveGracePeriod => Math.Max(1, GracePeriod);

    /// <summary>
    /// The defaults every trial starts from: <c>fast</c> (the trainer's fast defaults) or <c>paper</c> (each
    /// method's paper settings). Read through <see cref="EffectivePreset"/>: a spec stored before this field
    /// existed reads back null, which means fast.
    /// </summary>
    [Id(13)]
    public string Preset { get; init; } = "fast";

    /// <summary>The preset, <c>fast</c> when none was stored.</summary>
    public string EffectivePreset => string.IsNullOrWhiteSpace(Preset) ? "fast" : Preset;
}
