using Snnsweep.Search.GaussianProcesses;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Samplers;

/// <summary>
/// Gaussian-process Bayesian optimisation of the primary objective: Matérn-5/2 ARD kernel with MAP
/// hyperparameters, log expected improvement maximised by multi-start search, Kriging-believer
/// fantasies for pending trials, scrambled-Sobol start-up. Pruned and failed trials carry no final
/// value and are ignored (they still count as known configurations, so they are not proposed again).
/// </summary>
public sealed class GpSampler : ISampler
{
    private readonly GpProposalPipeline _pipeline;

    public GpSampler(long seed, GpSamplerOptions? options = null)
    {
        _pipeline = new GpProposalPipeline(seed, options ?? new GpSamplerOptions());
    }

    public Configuration Ask(SearchProblem problem, TrialHistory history)
    {
        var primary = problem.Primary;
        var observations = history.Completed.Select(t => (t, primary.ToLoss(t.Values[0]))).ToList();
        return _pipeline.Propose(problem.Space, history, observations, salt: 1);
    }
}
