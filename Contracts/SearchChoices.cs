namespace Snnsweep.Contracts;

/// <summary>
/// The samplers and pruners a <see cref="SweepSpec"/> may name: the one list that the sweep planner builds from, the
/// spec checks accept, the CLI's help names and the dashboard's form offers, with the defaults both start from.
/// </summary>
public static class SearchChoices
{
    /// <summary>The names <see cref="SweepSpec.Sampler"/> accepts.</summary>
    public static IReadOnlyList<string> Samplers { get; } = ["gp", "tpe", "random", "sobol"];

    /// <summary>The names <see cref="SweepSpec.Pruner"/> accepts.</summary>
    public static IReadOnlyList<string> Pruners { get; } = ["asha", "median", "none"];

    /// <summary>The sampler of a sweep that names none (CLI and dashboard alike).</summary>
    public const string DefaultSampler = "gp";

    /// <summary>The pruner of a sweep that names none.</summary>
    public const string DefaultPruner = "asha";

    /// <summary>How a form shows a choice.</summary>
    public static string Label(string name) => name == "gp" ? "gp (Bayesian)" : name;
}
