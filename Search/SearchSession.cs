using Snnsweep.Search.Pruners;
using Snnsweep.Search.Samplers;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Search;

/// <summary>
/// Ask/tell over one sweep: hands out enqueued configurations first, then the sampler's; records
/// results; asks the pruner at every report. All state is the trial history plus the enqueued list, so
/// a session built from a persisted history continues exactly where the old one stopped, including
/// which enqueued configurations were already used (those present in the history). Thread-safe: calls
/// are serialised, which also guarantees that two concurrent asks see each other's pending trial.
/// </summary>
public sealed class SearchSession
{
    private readonly object _gate = new();
    private readonly ISampler _sampler;
    private readonly IPruner? _pruner;
    private readonly List<Configuration> _enqueued = [];
    private TrialHistory _history;

    public SearchSession(SearchProblem problem, ISampler sampler, IPruner? pruner = null, TrialHistory? history = null, IEnumerable<Configuration>? enqueued = null)
    {
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));
        _sampler = sampler ?? throw new ArgumentNullException(nameof(sampler));
        _pruner = pruner;
        _history = history ?? TrialHistory.Empty;
        foreach (var configuration in enqueued ?? [])
        {
            Enqueue(configuration);
        }
    }

    public SearchProblem Problem { get; }

    public TrialHistory History
    {
        get
        {
            lock (_gate)
            {
                return _history;
            }
        }
    }

    /// <summary>The enqueued configurations, used and unused, in order.</summary>
    public IReadOnlyList<Configuration> Enqueued
    {
        get
        {
            lock (_gate)
            {
                return _enqueued.ToArray();
            }
        }
    }

    /// <summary>Adds a configuration to try before the sampler's suggestions; throws naming the parameter when it does not fit the space.</summary>
    public void Enqueue(Configuration configuration)
    {
        var violations = Problem.Space.Violations(configuration);
        if (violations.Count > 0)
        {
            throw new SearchSpaceException(violations);
        }
        lock (_gate)
        {
            _enqueued.Add(configuration);
        }
    }

    /// <summary>Starts a trial: the next unused enqueued configuration, else the sampler's proposal.</summary>
    public Trial Ask()
    {
        lock (_gate)
        {
            var used = _history.Select(t => t.Parameters).ToHashSet();
            var configuration = _enqueued.FirstOrDefault(c => !used.Contains(c)) ?? _sampler.Ask(Problem, _history);
            var trial = Trial.Start(_history.NextId, configuration);
            _history = _history.Add(trial);
            return trial;
        }
    }

    /// <summary>Records the objective values of a finished trial, one per objective.</summary>
    public Trial Tell(int trialId, params double[] values)
    {
        if (values.Length != Problem.Objectives.Count)
        {
            throw new ArgumentException($"Trial {trialId}: expected {Problem.Objectives.Count} objective values, got {values.Length}.", nameof(values));
        }
        return Update(trialId, t => t.Complete(values));
    }

    public Trial Fail(int trialId) => Update(trialId, t => t.Fail());

    /// <summary>Records an intermediate value of the primary objective; true when the pruner stopped the trial.</summary>
    public bool Report(int trialId, int step, double value)
    {
        lock (_gate)
        {
            var trial = RunningTrial(trialId).Report(step, value);
            _history = _history.Replace(trial);
            if (_pruner is null || !_pruner.ShouldPrune(Problem, _history, trialId))
            {
                return false;
            }
            _history = _history.Replace(trial.Prune());
            return true;
        }
    }

    /// <summary>Adds the completed trials of an exported sweep that fit this one, under new ids.</summary>
    public WarmStartTrials Import(SweepExport export)
    {
        var warm = export.CompletedTrialsFor(Problem);
        lock (_gate)
        {
            foreach (var trial in warm.Usable)
            {
                _history = _history.Add(trial with { Id = _history.NextId });
            }
        }
        return warm;
    }

    public SweepExport Export() => SweepExport.From(Problem, History);

    private Trial Update(int trialId, Func<Trial, Trial> change)
    {
        lock (_gate)
        {
            var trial = change(RunningTrial(trialId));
            _history = _history.Replace(trial);
            return trial;
        }
    }

    private Trial RunningTrial(int trialId)
    {
        var trial = _history.ById(trialId);
        return trial.State == TrialState.Running
            ? trial
            : throw new InvalidOperationException($"Trial {trialId} is {trial.State}, not running.");
    }
}
