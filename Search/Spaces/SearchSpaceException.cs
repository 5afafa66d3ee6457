namespace Snnsweep.Search.Spaces;

/// <summary>A search space or configuration that breaks the rules; every message names the parameter concerned.</summary>
public sealed class SearchSpaceException(IReadOnlyList<string> errors)
    : Exception("Invalid search space: " + string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
