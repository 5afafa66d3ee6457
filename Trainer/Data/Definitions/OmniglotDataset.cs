using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Static;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>Omniglot 105x105 PNGs (background + evaluation), classes as N-Omniglot; drawers 1-15 train, 16-20 test.</summary>
public sealed class OmniglotDataset : IStaticDatasetDefinition
{
    public string Name => "omniglot";

    public DatasetDomain Domain => DatasetDomain.Static;

    public string Description => "Omniglot: 1,623 handwritten characters from 50 alphabets, 20 drawers each (105x105 PNG).";

    public string ExpectedLayout => """
        <root>/images_background/<Alphabet>/characterNN/<cccc>_<dd>.png   (also under <root>/omniglot-py/)
        <root>/images_evaluation/<Alphabet>/characterNN/<cccc>_<dd>.png
        """;

    public SensorSize? Size => new SensorSize(105, 105);

    public string? PairedDataset => "n-omniglot";

    public DatasetIndex Index(string root)
    {
        var folder = DatasetFolders.Find(root, "omniglot-py", "omniglot", "") is { } f && Directory.Exists(Path.Combine(f, "images_background")) ? f
            : throw new DatasetLayoutException($"Dataset '{Name}' not found under '{Path.GetFullPath(root)}'. Expected layout:\n{ExpectedLayout}");
        var characters = OmniglotLayout.Characters(DatasetFolders.Find(folder, "images_background"), DatasetFolders.Find(folder, "images_evaluation"));
        var samples = new List<DatasetSample>();
        for (var label = 0; label < characters.Count; label++)
        {
            var (name, characterFolder) = characters[label];
            foreach (var file in DatasetFolders.FilesByNumericId(characterFolder, ".png"))
            {
                var drawer = (int)DatasetFolders.NumericId(Path.GetFileNameWithoutExtension(file));
                samples.Add(new DatasetSample($"{name}/{drawer:00}", label, OmniglotLayout.SplitForDrawer(drawer), file, drawer));
            }
        }
        return new DatasetIndex(Name, characters.Select(c => c.Name).ToList(), samples);
    }

    public StaticImage LoadImage(DatasetSample sample) => ImageFileDecoder.Read(sample.File, grayscale: true);
}
