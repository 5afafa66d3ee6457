namespace Snnsweep.Contracts;

/// <summary>Everything a slot needs to train one trial; what the grains' <c>ITrialRunner</c> receives.</summary>
/// <param name="SweepId">The sweep.</param>
/// <param name="Number">The trial's number in its sweep.</param>
/// <param name="Method">Training method.</param>
/// <param name="Dataset">Dataset name.</param>
/// <param name="Settings">Trainer configuration as key -&gt; value (fixed values and sampled parameters).</param>
/// <param name="Epochs">Epoch budget.</param>
/// <param name="Seed">Training seed.</param>
[GenerateSerializer, Immutable, Alias("snnsweep.TrialSpec")]
public sealed record TrialSpec(
    [property: Id(0)] string SweepId,
    [property: Id(1)] int Number,
    [property: Id(2)] string Method,
    [property: Id(3)] string Dataset,
    [property: Id(4)] Dictionary<string, string> Settings,
    [property: Id(5)] int Epochs,
    [property: Id(6)] int Seed)
{
    /// <summary>The sweep's preset (<c>fast</c> or <c>paper</c>); null or empty means fast.</summary>
    [Id(7)]
    public string Preset { get; init; } = "fast";
}
