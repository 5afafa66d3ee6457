using System.Globalization;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// Folder conventions shared by the definitions: class folders sorted ordinally (uppercase first, as Python's sort),
/// files sorted by their numeric id (so <c>_2</c> comes before <c>_10</c>, reproducibly on every file system).
/// </summary>
public static class DatasetFolders
{
    /// <summary>The first of <paramref name="candidates"/> (relative to <paramref name="root"/>) that exists as a folder, or null.</summary>
    public static string? Find(string root, params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            var path = candidate.Length == 0 ? root : Path.Combine(root, candidate);
            if (Directory.Exists(path)) return Path.GetFullPath(path);
        }
        return null;
    }

    /// <summary>Like <see cref="Find"/>, but throws a <see cref="DatasetLayoutException"/> that shows the expected layout.</summary>
    public static string Require(IDatasetDefinition dataset, string root, params string[] candidates) =>
        Find(root, candidates) ?? throw new DatasetLayoutException(
            $"Dataset '{dataset.Name}' not found under '{Path.GetFullPath(root)}' (looked for {string.Join(", ", candidates.Select(c => c.Length == 0 ? "the root itself" : $"'{c}'"))}). Expected layout:\n{dataset.ExpectedLayout}");

    /// <summary>Sub-folder names in ordinal order.</summary>
    public static List<string> SubFolders(string folder) =>
        Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToList();

    /// <summary>Files with one of <paramref name="extensions"/> (lower-case, with dot), ordered by numeric id then name.</summary>
    public static List<string> FilesByNumericId(string folder, params string[] extensions) =>
        Directory.GetFiles(folder)
            .Where(f => extensions.Contains(Path.GetExtension(f).ToLowerInvariant()) && !Path.GetFileName(f).StartsWith('.'))
            .OrderBy(f => NumericId(Path.GetFileNameWithoutExtension(f)))
            .ThenBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .ToList();

    /// <summary>The last run of digits in a name (<c>image_0042</c> -> 42, <c>cifar10_cat_7</c> -> 7), or -1.</summary>
    public static long NumericId(string name)
    {
        var end = name.Length;
        while (end > 0 && !char.IsAsciiDigit(name[end - 1])) end--;
        var start = end;
        while (start > 0 && char.IsAsciiDigit(name[start - 1])) start--;
        if (start == end || end - start > 18) return -1;
        return long.Parse(name.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>Python's <c>round(fraction * n)</c>: banker's rounding on doubles.</summary>
    public static int PythonRound(double value) => (int)Math.Round(value, MidpointRounding.ToEven);
}
