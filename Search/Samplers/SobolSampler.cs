using System.Collections.Concurrent;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search.Samplers;

/// <summary>
/// Scrambled Sobol points: the n-th trial of a sweep gets point n, so a batch of parallel trials covers
/// the space evenly. Points that break a constraint, even after repair, or repeat a known configuration
/// are skipped in favour of the next ones.
/// </summary>
public sealed class SobolSampler(long seed) : ISampler
{
    private const int MaxSkippedPoints = 4_096;

    private readonly ConcurrentDictionary<int, SobolSequence> _sequences = new();

    public Configuration Ask(SearchProblem problem, TrialHistory history) => Ask(problem.Space, history, history.Count);

    /// <summary>The first usable point at or after <paramref name="startIndex"/>.</summary>
    internal Configuration Ask(SearchSpace space, TrialHistory history, int startIndex)
    {
        var known = new KnownConfigurations(history);
        var sequence = _sequences.GetOrAdd(space.Count, d => new SobolSequence(d, (ulong)seed));
        var unit = new double[space.Count];
        for (var index = startIndex; index < startIndex + MaxSkippedPoints; index++)
        {
            sequence.Point(index, unit);
            if (space.TryMakeFeasible(space.FromUnit(unit), out var candidate) && known.IsFresh(candidate))
            {
                return candidate;
            }
        }
        return known.DrawUniform(space, SeededRandom.For(seed, history.Count));
    }
}
