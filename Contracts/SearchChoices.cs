namespace Snnsweep.Contracts;

/// <summary>
/// The samplers and pruners a <see cref="SweepSpec"/> may name: the one list that the sweep planner builds from, the
/// spec checks accept and the dashboard's form offers.
/// </summary>
public static class SearchChoices
{
    /// <summary>The names <see cref="SweepSpec.Sampler"/> accepts.</summary>
    public static IReadOnlyList<string> Samplers { get; } = ["gp", "tpe", "random", "sobol"];

    /// <summary>The names <see cref="SweepSpec.Pruner"/> accepts.</summary>
    public static IReadOnlyList<string> Pruners { get; } = ["asha", "median", "none"];

    /// <summary>How a form shows a choice.</summary>
    public static string Label(string name) => name == "gp" ? "gp (Bayesian)" : name;
}
