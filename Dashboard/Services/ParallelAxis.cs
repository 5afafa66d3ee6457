namespace Snnsweep.Dashboard.Services;

/// <summary>
/// One axis of the parallel-coordinates plot: a value per completed trial (NaN when the parameter was
/// inactive). Categorical axes carry the choice index and <see cref="TickText"/>.
/// </summary>
public sealed record ParallelAxis(string Label, double[] Values, string[]? TickText, bool Log);
