namespace Snnsweep.Contracts;

/// <summary>
/// The one rule for sweep ids, shared by the dashboard (which reports it on the form) and the sweep grain (which
/// refuses any other id, whoever calls it). An id names a folder on the shared data root, so it stays a plain file
/// name: no separators, no "..".
/// </summary>
public static partial class SweepIds
{
    /// <summary>Null for a usable sweep id, else what is wrong with it.</summary>
    public static string? Problem(string? id) =>
        id is not null && Pattern().IsMatch(id) ? null : "must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit";

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial System.Text.RegularExpressions.Regex Pattern();
}
