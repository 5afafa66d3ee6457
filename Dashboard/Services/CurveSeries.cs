namespace Snnsweep.Dashboard.Services;

/// <summary>A trial's validation accuracy per epoch.</summary>
public sealed record CurveSeries(int Trial, string Name, double[] Values, bool Running);
