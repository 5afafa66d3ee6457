using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Static;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// Caltech101 JPEGs, all 102 folders as released (including <c>Faces</c>, which N-Caltech101 dropped; the
/// <see cref="CrossDomainClassMap"/> leaves it unpaired). Per class the first round(0.9 n) images by number train,
/// matching N-Caltech101's split so static partners come from the same images.
/// </summary>
public sealed class Caltech101Dataset : IStaticDatasetDefinition
{
    public string Name => "caltech101";

    public DatasetDomain Domain => DatasetDomain.Static;

    public string Description => "Caltech101: 101 object categories + BACKGROUND_Google, JPEG images of about 300x200.";

    public string ExpectedLayout => """
        <root>/101_ObjectCategories/<class>/image_NNNN.jpg   (also <root>/caltech101/101_ObjectCategories/)
        """;

    public SensorSize? Size => null;

    public string? PairedDataset => "n-caltech101";

    public DatasetIndex Index(string root)
    {
        var folder = DatasetFolders.Require(this, root, "101_ObjectCategories", Path.Combine("caltech101", "101_ObjectCategories"));
        return NCaltech101Dataset.PerClassFirstFraction(Name, folder, [".jpg", ".jpeg"], NCaltech101Dataset.TrainFraction);
    }

    public StaticImage LoadImage(DatasetSample sample) => ImageFileDecoder.Read(sample.File);
}
