namespace Snnsweep.Search.Samplers;

/// <summary>Settings of <see cref="GpSampler"/>; the defaults are what the benchmark in bench/search runs.</summary>
public sealed record GpSamplerOptions
{
    /// <summary>Scrambled-Sobol trials before the GP takes over; null picks twice the parameter count, within [8, 20].</summary>
    public int? StartupTrials { get; init; }

    /// <summary>Uniform random candidates scored by the acquisition function per proposal.</summary>
    public int RandomCandidates { get; init; } = 768;

    /// <summary>Candidates drawn around the best observed configurations per proposal.</summary>
    public int LocalCandidates { get; init; } = 256;

    /// <summary>Best candidates refined by gradient ascent on log-EI.</summary>
    public int RefinedCandidates { get; init; } = 4;

    /// <summary>Hyperparameter starting points optimised by L-BFGS (after scoring more of them).</summary>
    public int HyperparameterStarts { get; init; } = 3;

    /// <summary>
    /// Up to this many completed trials the hyperparameters are refitted for every new result; beyond it
    /// only when the completed count has grown by <see cref="RefitGrowth"/> since the last fit. Conditioning
    /// on new data stays exact; only the kernel's lengthscales are reused for a while.
    /// </summary>
    public int RefitEveryTrialUpTo { get; init; } = 64;

    public double RefitGrowth { get; init; } = 1.15;
}
