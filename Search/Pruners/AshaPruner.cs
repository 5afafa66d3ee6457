using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Pruners;

/// <summary>
/// Asynchronous successive halving (Li et al., "A system for massively parallel hyperparameter tuning",
/// 2020) as a stop rule. Rung k sits at resource (step) MinResource * ReductionFactor^(MinEarlyStoppingRate + k).
/// When a trial first reports at or beyond a rung, its value there is compared with the values every
/// other trial of its bracket recorded at that rung: it continues only if it is among the best
/// floor(n / ReductionFactor) of those n values (its own included); while fewer than ReductionFactor trials
/// have reached the rung, only a value that is the best so far continues, because a stopped trial cannot
/// be resumed later as the original algorithm would. A trial crossing several rungs in one report is judged at each.
/// </summary>
/// <param name="MaxResource">Rungs at or above this step are not used: a trial that gets there runs to the end.</param>
/// <param name="Brackets">
/// Hyperband-style brackets: trial id mod Brackets picks one, and bracket b starts its rungs at early
/// stopping rate MinEarlyStoppingRate + b, hedging against a too-aggressive MinResource.
/// </param>
public sealed record AshaPruner(
    int MinResource = 1,
    int ReductionFactor = 3,
    int? MaxResource = null,
    int MinEarlyStoppingRate = 0,
    int Brackets = 1) : IPruner
{
    public bool ShouldPrune(SearchProblem problem, TrialHistory history, int trialId)
    {
        Validate();
        var trial = history.ById(trialId);
        var step = trial.LastStep;
        if (trial.State != TrialState.Running || step < 0)
        {
            return false;
        }
        var objective = problem.Primary;
        var bracket = Bracket(trial.Id);
        for (var rung = 0; ; rung++)
        {
            var resource = RungResource(bracket, rung);
            if (resource > step || (MaxResource is { } max && resource >= max))
            {
                return false;
            }
            if (CrossingStep(trial, resource) != step)
            {
                // Judged at an earlier report; that decision let it continue.
                continue;
            }
            var value = objective.ToLoss(RungValue(trial, resource));
            var competing = history
                .Where(t => t.Id != trial.Id && Bracket(t.Id) == bracket && CrossingStep(t, resource) is not null)
                .Select(t => objective.ToLoss(RungValue(t, resource)))
                .Append(value)
                .Order()
                .ToList();
            var promotable = Math.Max(0, competing.Count / ReductionFactor - 1);
            if (value > competing[promotable])
            {
                return true;
            }
        }
    }

    /// <summary>The step of rung <paramref name="rung"/> in bracket <paramref name="bracket"/>.</summary>
    public long RungResource(int bracket, int rung) =>
        MinResource * (long)Math.Pow(ReductionFactor, MinEarlyStoppingRate + bracket + rung);

    public int Bracket(int trialId) => Brackets <= 1 ? 0 : (int)((uint)trialId % (uint)Brackets);

    /// <summary>The first reported step at or beyond the rung's resource, or null if the trial never got there.</summary>
    private static int? CrossingStep(Trial trial, long resource)
    {
        int? first = null;
        foreach (var step in trial.IntermediateValues.Keys)
        {
            if (step >= resource && (first is null || step < first))
            {
                first = step;
            }
        }
        return first;
    }

    private static double RungValue(Trial trial, long resource) => trial.IntermediateValues[CrossingStep(trial, resource)!.Value];

    private void Validate()
    {
        if (MinResource < 1 || ReductionFactor < 2 || MinEarlyStoppingRate < 0 || Brackets < 1)
        {
            throw new ArgumentException($"ASHA needs MinResource >= 1, ReductionFactor >= 2, MinEarlyStoppingRate >= 0 and Brackets >= 1; got {this}.");
        }
    }
}
