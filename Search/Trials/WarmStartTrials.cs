namespace Snnsweep.Search.Trials;

/// <summary>What a warm start can take from an exported sweep, and why the rest was left out.</summary>
/// <param name="Usable">Completed trials valid in the target sweep, objective values in the target's order, ids as exported.</param>
/// <param name="Skipped">One message per left-out trial, naming the parameter or objective at fault.</param>
public sealed record WarmStartTrials(IReadOnlyList<Trial> Usable, IReadOnlyList<string> Skipped);
