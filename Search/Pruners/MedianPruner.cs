using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Pruners;

/// <summary>
/// The median stopping rule (Golovin et al., "Google Vizier", 2017, in Optuna's form): stop a trial whose
/// best value so far is strictly worse than the median of the completed trials' values at the same step.
/// </summary>
/// <param name="StartupTrials">No pruning until this many trials have completed.</param>
/// <param name="WarmupSteps">No pruning before this step of a trial.</param>
/// <param name="IntervalSteps">Judge only every this many steps after the warm-up.</param>
/// <param name="MinTrialsAtStep">No pruning at a step fewer completed trials have reported.</param>
public sealed record MedianPruner(int StartupTrials = 5, int WarmupSteps = 0, int IntervalSteps = 1, int MinTrialsAtStep = 1) : IPruner
{
    public bool ShouldPrune(SearchProblem problem, TrialHistory history, int trialId)
    {
        var trial = history.ById(trialId);
        var step = trial.LastStep;
        if (trial.State != TrialState.Running || step < 0 || step < WarmupSteps || (step - WarmupSteps) % Math.Max(1, IntervalSteps) != 0)
        {
            return false;
        }
        var completed = history.Completed.ToList();
        if (completed.Count < StartupTrials)
        {
            return false;
        }
        var objective = problem.Primary;
        var others = completed
            .Where(t => t.IntermediateValues.ContainsKey(step))
            .Select(t => objective.ToLoss(t.IntermediateValues[step]))
            .Order()
            .ToArray();
        if (others.Length == 0 || others.Length < MinTrialsAtStep)
        {
            return false;
        }
        var median = others.Length % 2 == 1
            ? others[others.Length / 2]
            : 0.5 * (others[others.Length / 2 - 1] + others[others.Length / 2]);
        var bestSoFar = trial.IntermediateValues.Where(p => p.Key <= step).Min(p => objective.ToLoss(p.Value));
        return bestSoFar > median;
    }
}
