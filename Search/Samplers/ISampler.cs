using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Samplers;

/// <summary>
/// Proposes the next configuration to evaluate. "Tell" is not a method: results reach a sampler as the
/// completed trials of the history it is asked with, and running trials in that history are the pending
/// ones a proposal must keep away from. Implementations are pure functions of (seed, problem, history),
/// which makes them deterministic, restorable from persisted trials and safe to call from any thread.
/// </summary>
public interface ISampler
{
    /// <returns>A configuration that satisfies the space's conditions and constraints and equals no running trial.</returns>
    Configuration Ask(SearchProblem problem, TrialHistory history);
}
