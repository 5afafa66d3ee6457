namespace Snnsweep.Dashboard.Services;

/// <summary>One editable parameter of the search-space editor (a mutable form model).</summary>
public sealed class SpaceRow
{
    public string Name { get; set; } = "";

    /// <summary>float, int or categorical.</summary>
    public string Kind { get; set; } = "float";

    public double Low { get; set; }

    public double High { get; set; }

    public int Step { get; set; } = 1;

    public bool Log { get; set; }

    /// <summary>Categorical choices, comma-separated.</summary>
    public string Choices { get; set; } = "";

    /// <summary>"parent: value, value" makes the parameter exist only for those values of parent; empty for always.</summary>
    public string Condition { get; set; } = "";

    /// <summary>Not searched: every trial uses <see cref="FixedValue"/>.</summary>
    public bool Fixed { get; set; }

    public string FixedValue { get; set; } = "";
}
