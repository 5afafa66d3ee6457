using Snnsweep.Search.Spaces;

namespace Snnsweep.Search.Trials;

/// <summary>What is searched (the space) and what is optimised (one or more objectives; the first is primary).</summary>
public sealed record SearchProblem
{
    public SearchProblem(SearchSpace space, IReadOnlyList<Objective> objectives)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (objectives is null || objectives.Count == 0)
        {
            throw new ArgumentException("A search problem needs at least one objective.", nameof(objectives));
        }
        Space = space;
        Objectives = objectives.ToArray();
    }

    public SearchProblem(SearchSpace space, Objective objective)
        : this(space, [objective])
    {
    }

    public SearchSpace Space { get; }

    public IReadOnlyList<Objective> Objectives { get; }

    public Objective Primary => Objectives[0];

    public bool IsMultiObjective => Objectives.Count > 1;
}
