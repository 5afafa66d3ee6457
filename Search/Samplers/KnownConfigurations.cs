using System.Collections.Immutable;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Samplers;

/// <summary>
/// The configurations a history already holds. Samplers prefer configurations never tried; they may
/// repeat a finished one only when the space leaves no choice, and never a pending one.
/// </summary>
internal sealed class KnownConfigurations
{
    private const int FreshDrawAttempts = 2_000;

    private readonly ImmutableHashSet<Configuration> _all;
    private readonly HashSet<Configuration> _pending = [];

    public KnownConfigurations(TrialHistory history)
    {
        // The history keeps its set of configurations as it grows; only the running trials are looked at here.
        _all = history.Configurations;
        foreach (var trial in history)
        {
            if (trial.State == TrialState.Running)
            {
                _pending.Add(trial.Parameters);
            }
        }
    }

    public bool IsFresh(Configuration configuration) => !_all.Contains(configuration);

    public bool IsPending(Configuration configuration) => _pending.Contains(configuration);

    /// <summary>A uniform feasible configuration, fresh if one can be found, else one that is at least not pending.</summary>
    public Configuration DrawUniform(SearchSpace space, SeededRandom random)
    {
        Configuration? notPending = null;
        for (var attempt = 0; attempt < FreshDrawAttempts; attempt++)
        {
            var candidate = space.SampleUniform(random);
            if (IsFresh(candidate))
            {
                return candidate;
            }
            if (notPending is null && !IsPending(candidate))
            {
                notPending = candidate;
            }
        }
        return notPending ?? throw new InvalidOperationException(
            $"Every configuration drawn equals one of the {_pending.Count} pending trials; the search space is exhausted for this many parallel trials.");
    }
}
