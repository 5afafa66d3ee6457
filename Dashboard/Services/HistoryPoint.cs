namespace Snnsweep.Dashboard.Services;

/// <summary>One completed trial on the optimisation-history plot, in completion order.</summary>
public sealed record HistoryPoint(int Trial, double Value, double BestSoFar);
