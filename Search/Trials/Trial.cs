using System.Collections.Immutable;
using Snnsweep.Search.Spaces;

namespace Snnsweep.Search.Trials;

/// <summary>
/// One evaluation of a configuration. Immutable: state changes produce a new record, so a history can be
/// shared between threads and persisted as it stands.
/// </summary>
/// <param name="Values">The objective values, one per objective, once <see cref="TrialState.Completed"/>.</param>
/// <param name="IntermediateValues">
/// Reports of the primary objective by step (epoch), used by the pruners; in a multi-objective sweep
/// this is the first objective.
/// </param>
public sealed record Trial(
    int Id,
    Configuration Parameters,
    TrialState State,
    IReadOnlyList<double> Values,
    IReadOnlyDictionary<int, double> IntermediateValues)
{
    public static Trial Start(int id, Configuration parameters) =>
        new(id, parameters, TrialState.Running, [], ImmutableSortedDictionary<int, double>.Empty);

    public Trial Complete(IReadOnlyList<double> values)
    {
        if (values.Count == 0 || values.Any(v => !double.IsFinite(v)))
        {
            throw new ArgumentException($"Trial {Id}: objective values must be finite and non-empty; report a failure instead.", nameof(values));
        }
        return this with { State = TrialState.Completed, Values = values.ToArray() };
    }

    public Trial Prune() => this with { State = TrialState.Pruned };

    public Trial Fail() => this with { State = TrialState.Failed };

    public Trial Report(int step, double value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Trial {Id}: intermediate value at step {step} must be finite.", nameof(value));
        }
        var values = IntermediateValues as ImmutableSortedDictionary<int, double>
            ?? ImmutableSortedDictionary.CreateRange(IntermediateValues);
        return this with { IntermediateValues = values.SetItem(step, value) };
    }

    /// <summary>The last reported step, or -1 when nothing was reported.</summary>
    public int LastStep => IntermediateValues.Count == 0 ? -1 : IntermediateValues.Keys.Max();
}
