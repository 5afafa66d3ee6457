namespace Snnsweep.Dashboard.Services;

/// <summary>
/// A dataset as the New-sweep form and the Cluster page show it: where this process looked for it and whether a sweep
/// can start on it. The host fills it from the trainer's dataset catalog (the dashboard never reads datasets itself).
/// </summary>
/// <param name="Name">Dataset name, what a sweep spec names (demo, n-mnist, ...).</param>
/// <param name="Description">One line.</param>
/// <param name="State">
/// Lower-case words: <see cref="Ready"/>, <see cref="FramesNotPrepared"/> (the first trial integrates them),
/// <see cref="StaticPartnerMissing"/> (baseline and ssnn can run; kt and r2etl cannot) or <see cref="NotFound"/>.
/// </param>
/// <param name="CanStart">Whether a sweep can start on it (found; the transfer methods also need <paramref name="StaticPartnerFound"/>).</param>
/// <param name="StaticPartnerFound">
/// Whether the static images kt and r2etl pair it with were found; false when it has none (<paramref name="Partner"/> is
/// null) and when the dataset itself was not found (the partner is then not looked for).
/// </param>
/// <param name="Folder">Where it was looked for.</param>
/// <param name="Samples">Samples found (train + test), when found.</param>
/// <param name="Partner">The static partner's name, when it has one.</param>
/// <param name="PartnerFolder">Where the partner was looked for.</param>
/// <param name="Problem">Why it is not found or its partner is missing (with the expected layout), when it is not ready.</param>
public sealed record DatasetChoice(
    string Name,
    string Description,
    string State,
    bool CanStart,
    bool StaticPartnerFound,
    string Folder,
    int? Samples,
    string? Partner,
    string? PartnerFolder,
    string? Problem)
{
    public const string Ready = "ready";
    public const string FramesNotPrepared = "frames not prepared";
    public const string StaticPartnerMissing = "static partner missing";
    public const string NotFound = "not found";

    /// <summary>Whether a method that pairs event samples with static images (kt, r2etl) can start on it.</summary>
    public bool CanStartTransfer => CanStart && StaticPartnerFound;

    /// <summary><see cref="Problem"/> without the expected layout that follows its first line.</summary>
    public string? ProblemSummary => Summarize(Problem);

    /// <summary>The first line of a dataset problem, without the "Expected layout:" that introduces the lines after it.</summary>
    public static string? Summarize(string? problem)
    {
        if (problem is null) return null;
        var line = problem.Split('\n', 2)[0].Trim();
        const string layout = "Expected layout:";
        return line.EndsWith(layout, StringComparison.Ordinal) && line.Length > layout.Length ? line[..^layout.Length].TrimEnd() : line;
    }

    /// <summary>What a method that needs static images is told when this dataset cannot give them; null when it can.</summary>
    public string? TransferProblem(string method) =>
        !CanStart || StaticPartnerFound ? null
        : Partner is null ? $"{method} pairs event samples with static images, but {Name} has no static partner; use baseline or ssnn, or a dataset with a static partner"
        : $"{method} pairs {Name} with static images from '{Partner}', which was not found under '{PartnerFolder}'; put it there " +
          $"(or set Snnsweep:Datasets:{Partner}), or use baseline or ssnn";
}
