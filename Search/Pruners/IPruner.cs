using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Pruners;

/// <summary>
/// Decides, when a running trial reports an intermediate value, whether to stop it. Pruners read the
/// primary objective's intermediate values, so they work unchanged in multi-objective sweeps. Like
/// samplers, they are pure functions of the history: the decision for the trial's latest report.
/// </summary>
public interface IPruner
{
    bool ShouldPrune(SearchProblem problem, TrialHistory history, int trialId);
}
