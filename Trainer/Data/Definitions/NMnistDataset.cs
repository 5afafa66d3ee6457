using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Frames;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>N-MNIST (Orchard et al. 2015): ATIS .bin files, 34x34, the official MNIST 60k/10k split.</summary>
public sealed class NMnistDataset : IEventDatasetDefinition
{
    public string Name => "n-mnist";

    public DatasetDomain Domain => DatasetDomain.Event;

    public string Description => "N-MNIST: MNIST digits recorded by an ATIS sensor with three saccades (10 classes, 60,000 + 10,000).";

    public string ExpectedLayout => """
        <root>/N-MNIST/ (or <root>/ itself)
          Train/<digit 0-9>/<nnnnn>.bin    (Train.zip extracted; nnnnn = 1-based MNIST index)
          Test/<digit 0-9>/<nnnnn>.bin     (Test.zip extracted)
        """;

    public SensorSize? Size => SensorSize.NMnist;

    public string? PairedDataset => "mnist";

    public FrameIntegrationSettings DefaultFrames => FrameIntegrationSettings.SpikingJellyNumber(10);

    public DatasetIndex Index(string root)
    {
        var folder = DatasetFolders.Find(root, "N-MNIST", "NMNIST", "")
            is { } f && Directory.Exists(Path.Combine(f, "Train")) ? f
            : throw new DatasetLayoutException($"Dataset '{Name}' not found under '{Path.GetFullPath(root)}'. Expected layout:\n{ExpectedLayout}");
        var classes = Enumerable.Range(0, 10).Select(d => d.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var samples = new List<DatasetSample>();
        foreach (var (split, splitName) in new[] { (DatasetSplit.Train, "Train"), (DatasetSplit.Test, "Test") })
        {
            var splitFolder = Path.Combine(folder, splitName);
            if (!Directory.Exists(splitFolder)) continue;
            for (var digit = 0; digit < 10; digit++)
            {
                var classFolder = Path.Combine(splitFolder, classes[digit]);
                if (!Directory.Exists(classFolder)) continue;
                foreach (var file in DatasetFolders.FilesByNumericId(classFolder, ".bin"))
                    samples.Add(new DatasetSample($"{splitName}/{digit}/{Path.GetFileNameWithoutExtension(file)}", digit, split, file));
            }
        }
        return new DatasetIndex(Name, classes, samples);
    }

    public EventStream LoadEvents(DatasetSample sample) => AtisBinReader.Read(sample.File, SensorSize.NMnist);
}
