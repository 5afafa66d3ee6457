namespace Snnsweep.Dashboard.Services;

/// <summary>A completed trial on the accuracy / average-timestep plane.</summary>
public sealed record ParetoPoint(int Trial, double AvgTimestep, double Accuracy, bool OnFront);
