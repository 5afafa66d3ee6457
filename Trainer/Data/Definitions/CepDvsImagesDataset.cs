using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Static;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>The RGB source images shipped with CEP-DVS (<c>data/img</c>), with the same labels and splits as the events.</summary>
public sealed class CepDvsImagesDataset : IStaticDatasetDefinition
{
    private static readonly string[] Extensions = [".png", ".jpg", ".jpeg", ".bmp"];

    public string Name => "cep-dvs-images";

    public DatasetDomain Domain => DatasetDomain.Static;

    public string Description => "CEP-DVS source images: the RGB picture behind each CEP-DVS recording.";

    public string ExpectedLayout => CepDvsLayout.Layout;

    public SensorSize? Size => null;

    public string? PairedDataset => "cep-dvs";

    public DatasetIndex Index(string root)
    {
        var folder = DatasetFolders.Find(root, "CEP-DVS", "CEPDVS", "") ?? root;
        if (!File.Exists(Path.Combine(folder, "pathFile.csv"))) folder = root;
        var images = Path.Combine(folder, "data", "img");
        if (!Directory.Exists(images))
            throw new DatasetLayoutException($"Dataset '{Name}' not found: {images} is missing. Expected layout:\n{ExpectedLayout}");
        var samples = CepDvsLayout.Rows(folder, Name)
            .Select(r => new DatasetSample($"{r.Row:00000}", r.Label, r.Split, CepDvsLayout.FileFor(images, r.Row, Extensions), r.Row))
            .ToList();
        return new DatasetIndex(Name, CepDvsLayout.Classes, samples);
    }

    public StaticImage LoadImage(DatasetSample sample) => ImageFileDecoder.Read(sample.File);
}
