using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Frames;
using Snnsweep.Trainer.Data.Static;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// CIFAR10-DVS: 10 classes x 1,000 DVS128 recordings, AEDAT 2.0 (original release, read with SpikingJelly's upright
/// coordinate convention) or AEDAT 4 (Tonic's re-release). Files are ordered by their numeric id. Split "9:1": ids in
/// the first 900 of each class train (BrainCog, SpikingJelly); "TEBN": ids 0-99 test, the rest train.
/// </summary>
public sealed class Cifar10DvsDataset(bool tebnSplit = false, Dvs128AddressConvention convention = Dvs128AddressConvention.SpikingJelly) : IEventDatasetDefinition
{
    public string Name => tebnSplit ? "cifar10-dvs-tebn" : "cifar10-dvs";

    public DatasetDomain Domain => DatasetDomain.Event;

    public string Description => tebnSplit
        ? "CIFAR10-DVS with the TEBN split (ids 0-99 of each class test, 100-999 train)."
        : "CIFAR10-DVS: CIFAR-10 images moved in front of a DVS128 (10 classes x 1,000, 9:1 per-class split).";

    public string ExpectedLayout => """
        <root>/CIFAR10-DVS/<class>/cifar10_<class>_<i>.aedat    (also .aedat4; or <root>/<class>/ directly)
          classes: airplane automobile bird cat deer dog frog horse ship truck; i = 0..999
        """;

    public SensorSize? Size => SensorSize.Dvs128;

    public string? PairedDataset => "cifar10";

    public FrameIntegrationSettings DefaultFrames => FrameIntegrationSettings.BrainCog(frames: 10, size: 48);

    public DatasetIndex Index(string root)
    {
        var folder = DatasetFolders.Find(root, "CIFAR10-DVS", "CIFAR10DVS", "cifar10-dvs", "");
        if (folder is null || !Directory.Exists(Path.Combine(folder, "airplane")))
            throw new DatasetLayoutException($"Dataset '{Name}' not found under '{Path.GetFullPath(root)}'. Expected layout:\n{ExpectedLayout}");
        var classes = Cifar10BinaryReader.ClassNames.ToList();
        var samples = new List<DatasetSample>();
        for (var label = 0; label < classes.Count; label++)
        {
            var classFolder = Path.Combine(folder, classes[label]);
            if (!Directory.Exists(classFolder)) continue;
            var files = DatasetFolders.FilesByNumericId(classFolder, ".aedat", ".aedat4");
            var train = DatasetFolders.PythonRound(0.9 * files.Count);
            for (var i = 0; i < files.Count; i++)
            {
                var id = DatasetFolders.NumericId(Path.GetFileNameWithoutExtension(files[i]));
                var split = tebnSplit ? (id is >= 0 and < 100 ? DatasetSplit.Test : DatasetSplit.Train) : (i < train ? DatasetSplit.Train : DatasetSplit.Test);
                samples.Add(new DatasetSample($"{classes[label]}/{Path.GetFileNameWithoutExtension(files[i])}", label, split, files[i]));
            }
        }
        return new DatasetIndex(Name, classes, samples);
    }

    public EventStream LoadEvents(DatasetSample sample) =>
        Path.GetExtension(sample.File).Equals(".aedat4", StringComparison.OrdinalIgnoreCase)
            ? Aedat4Reader.Read(sample.File)
            : Aedat2Reader.Read(sample.File, convention);
}
