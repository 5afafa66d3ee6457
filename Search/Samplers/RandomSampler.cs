using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Samplers;

/// <summary>Uniform random search: each parameter uniformly on its own scale (log-uniform for log parameters).</summary>
public sealed class RandomSampler(long seed) : ISampler
{
    public Configuration Ask(SearchProblem problem, TrialHistory history) =>
        new KnownConfigurations(history).DrawUniform(problem.Space, SeededRandom.For(seed, history.Count));
}
