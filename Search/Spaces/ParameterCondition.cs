namespace Snnsweep.Search.Spaces;

/// <summary>
/// Makes a parameter active only when its parent is active and holds one of <paramref name="Values"/>,
/// e.g. the RBF bandwidth exists only when the CKA kernel is "rbf", or T3 only when there are 3 stages.
/// </summary>
public sealed record ParameterCondition(string Parent, IReadOnlyList<ParameterValue> Values)
{
    public bool IsMetBy(ParameterValue parentValue)
    {
        foreach (var value in Values)
        {
            if (value.Equals(parentValue))
            {
                return true;
            }
        }
        return false;
    }
}
