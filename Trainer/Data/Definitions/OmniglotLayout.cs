namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// The alphabet/character tree shared by Omniglot and N-Omniglot. Classes are <c>Alphabet/characterNN</c>: background
/// first (964), then evaluation (659, labels offset by 964), alphabets in ordinal order, characters by number, which
/// reproduces Omniglot's global character ids 0001-1623.
/// </summary>
internal static class OmniglotLayout
{
    public const int TrainDrawers = 15;

    /// <summary>(class name, character folder) for every character under the background then evaluation folders.</summary>
    public static List<(string Name, string Folder)> Characters(string? background, string? evaluation)
    {
        var result = new List<(string, string)>();
        foreach (var set in new[] { background, evaluation })
        {
            if (set is null) continue;
            foreach (var alphabet in DatasetFolders.SubFolders(set))
            {
                var characters = DatasetFolders.SubFolders(Path.Combine(set, alphabet))
                    .OrderBy(DatasetFolders.NumericId).ThenBy(c => c, StringComparer.Ordinal);
                foreach (var character in characters) result.Add(($"{alphabet}/{character}", Path.Combine(set, alphabet, character)));
            }
        }
        return result;
    }

    /// <summary>"Full" classification protocol (Transfer-for-DVS): drawers 1-15 train, 16-20 test.</summary>
    public static DatasetSplit SplitForDrawer(int drawer) => drawer <= TrainDrawers ? DatasetSplit.Train : DatasetSplit.Test;
}
