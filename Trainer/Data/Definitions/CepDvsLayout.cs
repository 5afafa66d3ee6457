using System.Text.RegularExpressions;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// CEP-DVS as read by the Transfer-for-DVS loader: <c>pathFile.csv</c> (a header line, then row i = sample i, whose 5th
/// whitespace-separated token is the CIFAR-100 superclass), events in <c>data/MAT/img/&lt;i&gt;.mat</c>, source images
/// in <c>data/img/&lt;i&gt;.&lt;ext&gt;</c>. Per class the first 250 of its 500 samples train, the next 100 test, the rest
/// unused; a class with another count (a subset, a partial download) keeps those shares: the first round(0.5 n) train,
/// the next round(0.2 n) test.
/// Whether file numbers start at 0 or 1 is not documented, so it is detected from the files present.
/// </summary>
internal static partial class CepDvsLayout
{
    public const int TrainPerClass = 250;
    public const int TestPerClass = 100;

    public static readonly IReadOnlyList<string> Classes =
    [
        "aquatic_mammals", "fish", "flowers", "food_containers", "fruit_and_vegetables", "household_electrical_devices",
        "household_furniture", "insects", "large_carnivores", "large_man-made_outdoor_things", "large_natural_outdoor_scenes",
        "large_omnivores_and_herbivores", "medium_mammals", "non-insect_invertebrates", "people", "reptiles", "small_mammals",
        "trees", "vehicles_1", "vehicles_2",
    ];

    public const string Layout = """
        <root>/pathFile.csv                   (header line; row i describes sample i, 5th whitespace token = superclass)
        <root>/data/MAT/img/<i>.mat           (MATLAB 5 file with x, y, ts, p; p = -1/+1)
        <root>/data/img/<i>.<jpg|png|...>     (the RGB source image of sample i)
        """;

    /// <summary>(row index, label, split) per sample row.</summary>
    public static List<(int Row, int Label, DatasetSplit Split)> Rows(string root, string dataset)
    {
        var csv = Path.Combine(root, "pathFile.csv");
        if (!File.Exists(csv)) throw new DatasetLayoutException($"Dataset '{dataset}' not found: {csv} is missing. Expected layout:\n{Layout}");
        var lines = File.ReadAllLines(csv).Skip(1).Where(l => l.Trim().Length > 0).ToList();
        var labels = new int[lines.Count];
        var total = new int[Classes.Count];
        for (var row = 0; row < lines.Count; row++)
        {
            labels[row] = LabelOf(lines[row]);
            if (labels[row] < 0) throw new DatasetFormatException(csv, 0, $"row {row + 1} names no CIFAR-100 superclass: '{lines[row]}'");
            total[labels[row]]++;
        }
        var perClass = new int[Classes.Count];
        var rows = new List<(int, int, DatasetSplit)>();
        for (var row = 0; row < lines.Count; row++)
        {
            var label = labels[row];
            var (train, test) = Shares(total[label]);
            var j = perClass[label]++;
            var split = j < train ? DatasetSplit.Train : j < train + test ? DatasetSplit.Test : DatasetSplit.Unused;
            rows.Add((row, label, split));
        }
        return rows;
    }

    /// <summary>Train and test samples of a class of <paramref name="count"/>: 250 and 100 of the released 500.</summary>
    private static (int Train, int Test) Shares(int count) =>
        count == 2 * TrainPerClass ? (TrainPerClass, TestPerClass)
            : (DatasetFolders.PythonRound(count * TrainPerClass / 500.0), DatasetFolders.PythonRound(count * TestPerClass / 500.0));

    private static int LabelOf(string line)
    {
        var tokens = Whitespace().Split(line.Trim());
        if (tokens.Length >= 5 && IndexOf(tokens[4]) is var fifth and >= 0) return fifth;
        foreach (var token in Separators().Split(line))
            if (IndexOf(token) is var any and >= 0) return any;
        return -1;
    }

    private static int IndexOf(string token)
    {
        for (var i = 0; i < Classes.Count; i++)
            if (string.Equals(Classes[i], token.Trim().Trim('"', '\''), StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    /// <summary>The file of sample <paramref name="row"/> in <paramref name="folder"/>, numbering from 0 or 1 as the files do.</summary>
    public static string FileFor(string folder, int row, string[] extensions)
    {
        var zeroBased = extensions.Any(e => File.Exists(Path.Combine(folder, "0" + e)));
        var number = zeroBased ? row : row + 1;
        foreach (var extension in extensions)
        {
            var path = Path.Combine(folder, number + extension);
            if (File.Exists(path)) return path;
        }
        return Path.Combine(folder, number + extensions[0]);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[\s,;/]+")]
    private static partial Regex Separators();
}
