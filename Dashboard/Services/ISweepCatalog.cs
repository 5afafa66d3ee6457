using Snnsweep.Contracts;

namespace Snnsweep.Dashboard.Services;

/// <summary>
/// What the dashboard needs to know of the trainer: the methods with their default spaces, the datasets with their
/// state on this process's data root, and the same spec checks the CLI applies (the host implements it over Trainer;
/// tests fake it).
/// </summary>
public interface ISweepCatalog
{
    IReadOnlyList<MethodChoice> Methods { get; }

    /// <summary>
    /// Every dataset a sweep can name, demo first, with its state as this process finds it now (looked up again at most
    /// every 30 s, or now with <paramref name="refresh"/>; a lookup walks the dataset folders, off the caller's thread).
    /// </summary>
    Task<IReadOnlyList<DatasetChoice>> GetDatasetsAsync(bool refresh = false);

    /// <summary>The method's default space scaled to <paramref name="dataset"/> (its T-valued ranges), without the given fixed keys.</summary>
    string DefaultSpaceJson(string method, IReadOnlyCollection<string> fixedKeys, string dataset);

    /// <summary>Builds and checks a spec exactly as <c>sweep</c> does, and refuses a dataset this process does not find.</summary>
    /// <exception cref="SweepRequestException">Names the offending field.</exception>
    SweepSpec BuildSpec(SweepRequest request);
}
