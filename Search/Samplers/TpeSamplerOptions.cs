namespace Snnsweep.Search.Samplers;

/// <summary>Settings of <see cref="TpeSampler"/>; the defaults follow Optuna's TPESampler.</summary>
public sealed record TpeSamplerOptions
{
    /// <summary>Uniform random trials before the estimators take over.</summary>
    public int StartupTrials { get; init; } = 10;

    /// <summary>Draws from the "good" density l(x) scored by l(x) / g(x) per proposal.</summary>
    public int Candidates { get; init; } = 24;

    /// <summary>Weight of the flat prior component in each mixture.</summary>
    public double PriorWeight { get; init; } = 1.0;

    /// <summary>The "good" set is the best ceil(fraction * n) trials, at most <see cref="GoodCap"/>.</summary>
    public double GoodFraction { get; init; } = 0.1;

    public int GoodCap { get; init; } = 25;
}
