using SkiaSharp;

namespace Snnsweep.Tests.DatasetFixtures;

public static partial class ReleasedLayouts
{
    /// <summary>The default N-Caltech101 classes: the background class, a face class and two objects, in the release's ordinal order.</summary>
    public static readonly IReadOnlyList<string> Caltech101Classes = ["BACKGROUND_Google", "Faces_easy", "accordion", "airplanes"];

    /// <summary>
    /// N-Caltech101: <c>Caltech101/&lt;class&gt;/image_NNNN.bin</c>, ATIS 40-bit files whose events fill a per-sample
    /// extent of 120-240 x 90-180 pixels (the sensor is 240x180; each image was scaled into it), for
    /// <paramref name="classes"/> (default <see cref="Caltech101Classes"/>; never <c>Faces</c>, which N-Caltech101 dropped).
    /// <paramref name="samplesPerClass"/> files per class, numbered from 1; the first round(0.9 n) train.
    /// </summary>
    public static WrittenDataset NCaltech101(string root, int samplesPerClass = 5, int seed = 1, IReadOnlyList<string>? classes = null)
    {
        classes = CaltechClasses(classes, samplesPerClass);
        var folder = Path.Combine(root, "Caltech101");
        for (var label = 0; label < classes.Count; label++)
            for (var i = 1; i <= samplesPerClass; i++)
            {
                var (width, height) = CaltechExtent(seed, classes[label], i);
                var rng = FixtureFiles.Rng(seed, "n-caltech101", classes[label], i);
                var events = ClassSignal.Events(label, classes.Count + 1, width, height, rng.Next(100, 300), rng, t0: rng.Next(0, 2000), duration: 300_000, outline: true);
                FixtureFiles.Write(folder, $"{classes[label]}/image_{i:0000}.bin", AtisBinWriter.Write(events));
            }
        return new WrittenDataset("n-caltech101", root, folder, classes.Count * samplesPerClass, 0);
    }

    /// <summary>
    /// Caltech101: <c>101_ObjectCategories/&lt;class&gt;/image_NNNN.jpg</c> for the same <paramref name="classes"/> as
    /// <see cref="NCaltech101"/> plus <c>Faces</c> (a duplicate of <c>Faces_easy</c> in the release, drawn like it here),
    /// which stays unpaired. Image i of a class has the aspect ratio of N-Caltech101's recording i of that class and
    /// shows the same bar; JPEGs are about half the release's 300x200 to stay small.
    /// </summary>
    public static WrittenDataset Caltech101(string root, int samplesPerClass = 5, int seed = 1, IReadOnlyList<string>? classes = null)
    {
        classes = CaltechClasses(classes, samplesPerClass);
        var folder = Path.Combine(root, "101_ObjectCategories");
        foreach (var name in classes.Append("Faces"))
        {
            // The class signal is keyed by the N-Caltech101 class list (one spare slot), so both domains draw class c alike.
            var signal = name == "Faces" ? classes.ToList().IndexOf("Faces_easy") : classes.ToList().IndexOf(name);
            if (signal < 0) signal = classes.Count; // no Faces_easy among the classes: Faces gets a bar of its own
            for (var i = 1; i <= samplesPerClass; i++)
            {
                var (width, height) = CaltechExtent(seed, name == "Faces" ? "Faces_easy" : name, i);
                var rng = FixtureFiles.Rng(seed, "caltech101", name, i);
                var pixels = ClassSignal.Rgb(signal, classes.Count + 1, width / 2, height / 2, rng);
                FixtureFiles.Write(folder, $"{name}/image_{i:0000}.jpg", StaticWriters.Encode(pixels, width / 2, height / 2, 3, SKEncodedImageFormat.Jpeg));
            }
        }
        return new WrittenDataset("caltech101", root, folder, (classes.Count + 1) * samplesPerClass, 0);
    }

    private static IReadOnlyList<string> CaltechClasses(IReadOnlyList<string>? classes, int samplesPerClass)
    {
        RequireAtLeast(samplesPerClass, 5, nameof(samplesPerClass), "the first round(0.9 n) samples of a class train, so fewer than 5 leave no test sample");
        classes ??= Caltech101Classes;
        if (classes.Count == 0 || classes.Contains("Faces"))
            throw new ArgumentException("N-Caltech101 classes must be non-empty and cannot include 'Faces' (the release dropped it; Caltech101 adds it).", nameof(classes));
        // Labels index the classes in the order the dataset's definition lists the folders.
        return classes.Order(StringComparer.Ordinal).ToList();
    }

    private static (int Width, int Height) CaltechExtent(int seed, string name, int i)
    {
        var rng = FixtureFiles.Rng(seed, "caltech-extent", name, i);
        return (rng.Next(120, 241), rng.Next(90, 181));
    }
}
