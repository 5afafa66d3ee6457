using System.Globalization;
using Snnsweep.Contracts;
using Snnsweep.Search.Pruners;
using Snnsweep.Search.Samplers;
using Snnsweep.Search.Spaces;
using Snnsweep.Search.Trials;

namespace Snnsweep.Grains.Sweeps;

/// <summary>
/// Translates between a sweep's trial table and the Search library: builds the search problem from the spec,
/// rebuilds the trial history from the records (samplers keep no state of their own, so this is all they
/// need after a restart), asks for configurations and pruning decisions.
/// </summary>
internal sealed class SweepPlanner
{
    private readonly SweepSpec _spec;
    private readonly ISampler _sampler;
    private readonly IPruner? _pruner;
    // The history as of the last call, brought up to date rather than rebuilt (a 10,000-trial sweep spent most of its
    // time rebuilding the same history for every proposal). Trials before _settled were finished when last seen, and
    // a finished trial never changes again; each one after it is rebuilt only when what it was built from changed.
    private TrialHistory _history = TrialHistory.Empty;
    private int _settled;
    private readonly Dictionary<int, TrialSignature> _built = [];

    public SweepPlanner(SweepSpec spec)
    {
        _spec = spec;
        Problem = new SearchProblem(
            SearchSpace.FromJson(spec.SpaceJson),
            spec.Objectives.Select(o => o.Maximize ? Objective.Maximize(o.Metric) : Objective.Minimize(o.Metric)).ToArray());
        _sampler = CreateSampler(spec.Sampler, spec.Seed, Problem.IsMultiObjective);
        _pruner = CreatePruner(spec.Pruner, spec.Epochs, spec.EffectiveGracePeriod);
    }

    public SearchProblem Problem { get; }

    /// <summary>Proposes the next configuration, away from every queued or running one.</summary>
    public Dictionary<string, string> Propose(TrialHistory history) =>
        _sampler.Ask(Problem, history).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());

    /// <summary>A uniform draw away from every queued or running configuration: the fallback when the sampler fails.</summary>
    public Dictionary<string, string> ProposeAtRandom(TrialHistory history, int salt) =>
        new RandomSampler(_spec.Seed * 7919L + salt).Ask(Problem, history).ToDictionary(kv => kv.Key, kv => kv.Value.ToString());

    /// <summary>Whether the pruner stops trial <paramref name="number"/> given its curve so far.</summary>
    public bool ShouldPrune(IReadOnlyList<TrialRecord> records, int number) =>
        _pruner is not null && _pruner.ShouldPrune(Problem, History(records), number);

    /// <summary>Values of the objectives for a completed trial, or null if a metric is missing.</summary>
    public double[]? ObjectiveValues(IReadOnlyDictionary<string, double> metrics)
    {
        var values = new double[_spec.Objectives.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (!metrics.TryGetValue(_spec.Objectives[i].Metric, out var v) || !double.IsFinite(v)) return null;
            values[i] = v;
        }
        return values;
    }

    /// <summary>The records as the Search library's history: unfinished trials are its pending (running) ones.</summary>
    public TrialHistory History(IReadOnlyList<TrialRecord> records)
    {
        var history = _history;
        for (var number = _settled; number < records.Count; number++)
        {
            var record = records[number];
            var signature = TrialSignature.Of(record);
            if (number < history.Count && _built.TryGetValue(number, out var built) && built == signature) continue;
            var trial = ToTrial(record);
            history = number < history.Count ? history.Replace(trial) : history.Add(trial);
            _built[number] = signature;
        }
        while (_settled < records.Count && records[_settled].IsFinished) _built.Remove(_settled++);
        return _history = history;
    }

    /// <summary>What a trial's Search-library form is built from; the curve by its length and sum, the metrics by reference (replaced, never edited).</summary>
    private readonly record struct TrialSignature(TrialStatus Status, int Epochs, double CurveSum, Dictionary<string, double> Metrics)
    {
        public static TrialSignature Of(TrialRecord record)
        {
            var sum = 0.0;
            foreach (var epoch in record.Curve) sum += epoch.Epoch + epoch.ValAccuracy + epoch.AvgTimestep;
            return new TrialSignature(record.Status, record.Curve.Count, sum, record.Metrics);
        }
    }

    private Trial ToTrial(TrialRecord record)
    {
        var primary = _spec.Objectives[0].Metric;
        var trial = Trial.Start(record.Number, ToConfiguration(record.Parameters));
        foreach (var epoch in record.Curve)
        {
            var value = primary == MetricNames.AvgTimestep ? epoch.AvgTimestep : epoch.ValAccuracy;
            if (double.IsFinite(value)) trial = trial.Report(epoch.Epoch, value);
        }
        trial = record.Status switch
        {
            TrialStatus.Completed when ObjectiveValues(record.Metrics) is { } values => trial.Complete(values),
            TrialStatus.Completed or TrialStatus.Failed => trial.Fail(),
            TrialStatus.Pruned => trial.Prune(),
            _ => trial,
        };
        return trial;
    }

    private Configuration ToConfiguration(IReadOnlyDictionary<string, string> parameters)
    {
        var values = new List<KeyValuePair<string, ParameterValue>>();
        foreach (var (name, text) in parameters)
        {
            if (Problem.Space.Contains(name) && Problem.Space[name] is CategoricalParameter categorical)
            {
                // Choices may be numbers or labels; the text is what ParameterValue.ToString wrote.
                values.Add(new(name, categorical.Choices.FirstOrDefault(c => c.ToString() == text, ParameterValue.Of(text))));
                continue;
            }
            values.Add(new(name, double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                ? ParameterValue.Of(number)
                : ParameterValue.Of(text)));
        }
        return new Configuration(values);
    }

    private static ISampler CreateSampler(string name, int seed, bool multiObjective) => name.ToLowerInvariant() switch
    {
        "gp" => multiObjective ? new ParEgoSampler(seed) : new GpSampler(seed),
        "tpe" => new TpeSampler(seed),
        "random" => new RandomSampler(seed),
        "sobol" => new SobolSampler(seed),
        _ => throw new ArgumentException($"sampler '{name}' is not one of {string.Join(", ", SearchChoices.Samplers)}"),
    };

    /// <summary>Both pruners first judge a trial at epoch <paramref name="gracePeriod"/>; ASHA's rungs then follow at 3x, 9x, ...</summary>
    private static IPruner? CreatePruner(string name, int epochs, int gracePeriod) => name.ToLowerInvariant() switch
    {
        "asha" => new AshaPruner(MinResource: gracePeriod, ReductionFactor: 3, MaxResource: epochs),
        "median" => new MedianPruner(StartupTrials: 3, WarmupSteps: gracePeriod),
        "none" => null,
        _ => throw new ArgumentException($"pruner '{name}' is not one of {string.Join(", ", SearchChoices.Pruners)}"),
    };
}
