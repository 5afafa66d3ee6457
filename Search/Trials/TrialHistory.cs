using System.Collections;
using System.Collections.Immutable;
using Snnsweep.Search.Spaces;

namespace Snnsweep.Search.Trials;

/// <summary>
/// Every trial of a sweep, in the order they were started. This, and not any sampler internals, is the
/// state of a search: samplers are pure functions of (problem, seed, history), so a sweep restored from
/// its persisted trials proposes exactly what it would have proposed before.
/// </summary>
public sealed class TrialHistory : IReadOnlyList<Trial>
{
    private readonly ImmutableArray<Trial> _trials;
    // Built on first use: samplers only walk the trials, and a sweep builds a history of every trial (10,000 of them
    // in a large sweep) for each proposal, where a tree of ids cost more than the proposal itself.
    private ImmutableDictionary<int, int>? _indexById;
    // Every configuration tried, for samplers that stay away from them; kept up to date by Add and Replace once built,
    // so a sampler asking at every trial of a long sweep does not hash them all again each time.
    private ImmutableHashSet<Configuration>? _configurations;

    private TrialHistory(ImmutableArray<Trial> trials, ImmutableDictionary<int, int>? indexById, ImmutableHashSet<Configuration>? configurations)
    {
        _trials = trials;
        _indexById = indexById;
        _configurations = configurations;
    }

    public TrialHistory(IEnumerable<Trial> trials)
    {
        _trials = trials.ToImmutableArray();
        var seen = new HashSet<int>(_trials.Length);
        foreach (var trial in _trials)
        {
            if (!seen.Add(trial.Id))
            {
                throw new ArgumentException($"Trial id {trial.Id} appears twice in the history.", nameof(trials));
            }
        }
    }

    /// <summary>Every configuration in the history (built on first use, then carried along by <see cref="Add"/> and <see cref="Replace"/>).</summary>
    internal ImmutableHashSet<Configuration> Configurations => _configurations ??= _trials.Select(t => t.Parameters).ToImmutableHashSet();

    private ImmutableDictionary<int, int> IndexById
    {
        get
        {
            if (_indexById is null)
            {
                var index = ImmutableDictionary.CreateBuilder<int, int>();
                for (var i = 0; i < _trials.Length; i++) index[_trials[i].Id] = i;
                _indexById = index.ToImmutable();
            }
            return _indexById;
        }
    }

    public static TrialHistory Empty { get; } = new([]);

    public int Count => _trials.Length;

    public Trial this[int index] => _trials[index];

    /// <summary>An id one above every id in the history.</summary>
    public int NextId => _trials.Length == 0 ? 0 : _trials.Max(t => t.Id) + 1;

    public Trial ById(int id) =>
        IndexById.TryGetValue(id, out var index) ? _trials[index] : throw new KeyNotFoundException($"No trial with id {id}.");

    public bool ContainsId(int id) => IndexById.ContainsKey(id);

    public IEnumerable<Trial> InState(TrialState state) => _trials.Where(t => t.State == state);

    public IEnumerable<Trial> Completed => InState(TrialState.Completed);

    public IEnumerable<Trial> Running => InState(TrialState.Running);

    public TrialHistory Add(Trial trial)
    {
        if (IndexById.ContainsKey(trial.Id))
        {
            throw new ArgumentException($"Trial id {trial.Id} is already in the history.", nameof(trial));
        }
        return new TrialHistory(_trials.Add(trial), IndexById.Add(trial.Id, _trials.Length), Configurations.Add(trial.Parameters));
    }

    /// <summary>The history with the trial of the same id replaced.</summary>
    public TrialHistory Replace(Trial trial)
    {
        if (!IndexById.TryGetValue(trial.Id, out var index))
        {
            throw new KeyNotFoundException($"No trial with id {trial.Id}.");
        }
        // A trial keeps its configuration as it runs and ends; one that changed it invalidates the set (rebuilt on use).
        var configurations = _trials[index].Parameters.Equals(trial.Parameters) ? _configurations : null;
        return new TrialHistory(_trials.SetItem(index, trial), _indexById, configurations);
    }

    public IEnumerator<Trial> GetEnumerator() => ((IEnumerable<Trial>)_trials).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
