using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Frames;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// N-Caltech101: ATIS .bin per image, 101 classes (Caltech101 minus Faces, plus BACKGROUND_Google), 8,709 samples.
/// Split as BrainCog / Transfer-for-DVS: per class the first round(0.9 n) files by number train, the rest test
/// (7,839 / 870). Events are cropped to their bounding box by default, as Tonic and BrainCog do (frame size follows
/// the sample); pass <c>cropToBoundingBox: false</c> for SpikingJelly's fixed 240x180 frames.
/// </summary>
public sealed class NCaltech101Dataset(bool cropToBoundingBox = true) : IEventDatasetDefinition
{
    public const double TrainFraction = 0.9;

    public string Name => "n-caltech101";

    public DatasetDomain Domain => DatasetDomain.Event;

    public string Description => "N-Caltech101: Caltech101 images recorded by an ATIS sensor (101 classes, 8,709 samples, 9:1 per-class split).";

    public string ExpectedLayout => """
        <root>/Caltech101/<class>/image_NNNN.bin       (Caltech101.zip extracted; also <root>/N-Caltech101/Caltech101/)
          classes: BACKGROUND_Google, Faces_easy, Leopards, Motorbikes, accordion, ... (101 folders, no 'Faces')
        """;

    public SensorSize? Size => cropToBoundingBox ? null : SensorSize.NCaltech101;

    public string? PairedDataset => "caltech101";

    public FrameIntegrationSettings DefaultFrames => FrameIntegrationSettings.BrainCog(frames: 10, size: 48);

    public DatasetIndex Index(string root)
    {
        var folder = DatasetFolders.Require(this, root, "Caltech101", Path.Combine("N-Caltech101", "Caltech101"), "N-Caltech101");
        return PerClassFirstFraction(Name, folder, [".bin"], TrainFraction);
    }

    public EventStream LoadEvents(DatasetSample sample)
    {
        var events = AtisBinReader.Read(sample.File, SensorSize.NCaltech101);
        return cropToBoundingBox ? events.CroppedToBoundingBox() : events;
    }

    /// <summary>Class folders in ordinal order; per class the first round(fraction * n) files by number are Train.</summary>
    internal static DatasetIndex PerClassFirstFraction(string dataset, string folder, string[] extensions, double fraction)
    {
        var classes = DatasetFolders.SubFolders(folder);
        var samples = new List<DatasetSample>();
        for (var label = 0; label < classes.Count; label++)
        {
            var files = DatasetFolders.FilesByNumericId(Path.Combine(folder, classes[label]), extensions);
            var train = DatasetFolders.PythonRound(fraction * files.Count);
            for (var i = 0; i < files.Count; i++)
                samples.Add(new DatasetSample($"{classes[label]}/{Path.GetFileNameWithoutExtension(files[i])}", label, i < train ? DatasetSplit.Train : DatasetSplit.Test, files[i]));
        }
        return new DatasetIndex(dataset, classes, samples);
    }
}
