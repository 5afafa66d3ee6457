using System.Globalization;
using System.Text;
using SkiaSharp;

namespace Snnsweep.Tests.DatasetFixtures;

public static partial class ReleasedLayouts
{
    /// <summary>The CIFAR-100 superclasses in CEP-DVS's label order (the definition's class list).</summary>
    private static readonly string[] CepDvsClasses =
    [
        "aquatic_mammals", "fish", "flowers", "food_containers", "fruit_and_vegetables", "household_electrical_devices",
        "household_furniture", "insects", "large_carnivores", "large_man-made_outdoor_things", "large_natural_outdoor_scenes",
        "large_omnivores_and_herbivores", "medium_mammals", "non-insect_invertebrates", "people", "reptiles", "small_mammals",
        "trees", "vehicles_1", "vehicles_2",
    ];

    /// <summary>
    /// CEP-DVS events: <c>pathFile.csv</c> and <c>data/MAT/img/&lt;i&gt;.mat</c> (MATLAB 5, zlib-compressed as MATLAB's
    /// save writes, x/y uint16, ts double microseconds, p = -1/+1), <paramref name="samplesPerClass"/> rows for each of
    /// the first <paramref name="classCount"/> superclasses, stored class by class (the assumed release order), files
    /// numbered from 0 (row i = file i, as the reference loader indexes them). The release's 500 per class split 250 /
    /// 100 / 150 unused; other counts keep those shares (round(0.5 n) train, round(0.2 n) test), so the default 5 gives
    /// 2 / 1 / 2 and at least 3 are needed for a test row. Recordings are small (60-120 events) inside a window of
    /// 96-128 pixels a side, as CEP-DVS takes the sensor size per sample. Write <see cref="CepDvsImages"/> with the same
    /// arguments for the source images.
    /// </summary>
    public static WrittenDataset CepDvs(string root, int samplesPerClass = 5, int classCount = 20, int seed = 1)
    {
        var rows = CepDvsRows(root, samplesPerClass, classCount);
        for (var i = 0; i < rows.Count; i++)
        {
            var rng = FixtureFiles.Rng(seed, "cep-dvs", i);
            var (width, height) = (rng.Next(96, 129), rng.Next(96, 129));
            var events = ClassSignal.Events(rows[i], classCount, width, height, rng.Next(60, 120), rng, t0: rng.Next(0, 1000), duration: 1_000_000, outline: true);
            FixtureFiles.Write(root, $"data/MAT/img/{i}.mat", MatWriter.WriteCepDvs(events, compress: true));
        }
        return new WrittenDataset("cep-dvs", root, root, rows.Count, 0);
    }

    /// <summary>
    /// CEP-DVS source images: <c>pathFile.csv</c> and <c>data/img/&lt;i&gt;.png</c>, 32x32 RGB (CIFAR-100 pictures) with
    /// the class signal of <see cref="CepDvs"/>; the same rows, labels and splits for the same arguments.
    /// </summary>
    public static WrittenDataset CepDvsImages(string root, int samplesPerClass = 5, int classCount = 20, int seed = 1)
    {
        var rows = CepDvsRows(root, samplesPerClass, classCount);
        for (var i = 0; i < rows.Count; i++)
        {
            var pixels = ClassSignal.Rgb(rows[i], classCount, 32, 32, FixtureFiles.Rng(seed, "cep-dvs-images", i));
            FixtureFiles.Write(root, $"data/img/{i}.png", StaticWriters.Encode(pixels, 32, 32, 3, SKEncodedImageFormat.Png));
        }
        return new WrittenDataset("cep-dvs-images", root, root, rows.Count, 0);
    }

    /// <summary>
    /// Writes pathFile.csv and returns the label of every row. The loader only reads the 5th whitespace-separated token of
    /// a row (the superclass); the other four (image path, event path, CIFAR-100 split, fine class) are a plausible guess.
    /// </summary>
    private static List<int> CepDvsRows(string root, int samplesPerClass, int classCount)
    {
        RequireAtLeast(samplesPerClass, 3, nameof(samplesPerClass), "a class of n keeps round(0.2 n) rows for test, none below 3");
        if (classCount is < 1 or > 20) throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "CEP-DVS has 20 classes.");
        var labels = Enumerable.Range(0, classCount).SelectMany(c => Enumerable.Repeat(c, samplesPerClass)).ToList();
        var csv = new StringBuilder("image events cifar100_split fine_label superclass\n");
        for (var i = 0; i < labels.Count; i++) csv.Append(CultureInfo.InvariantCulture, $"data/img/{i}.png data/MAT/img/{i}.mat train class_{labels[i]}_{i % samplesPerClass} {CepDvsClasses[labels[i]]}\n");
        FixtureFiles.Text(root, "pathFile.csv", csv.ToString());
        return labels;
    }
}
