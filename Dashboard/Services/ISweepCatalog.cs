using Snnsweep.Grains.Contracts;

namespace Snnsweep.Dashboard.Services;

/// <summary>
/// What the dashboard needs to know of the trainer: the methods with their default spaces, the datasets, and
/// the same spec checks the CLI applies (the host implements it over Trainer; tests fake it).
/// </summary>
public interface ISweepCatalog
{
    IReadOnlyList<MethodChoice> Methods { get; }

    IReadOnlyList<string> Datasets { get; }

    /// <summary>The method's default space without the given fixed keys.</summary>
    string DefaultSpaceJson(string method, IReadOnlyCollection<string> fixedKeys);

    /// <summary>Builds and checks a spec exactly as <c>sweep</c> does.</summary>
    /// <exception cref="SweepRequestException">Names the offending field.</exception>
    SweepSpec BuildSpec(SweepRequest request);
}
