using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Frames;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// CEP-DVS: 20 CIFAR-100 superclasses x 500 recordings (MAT-files), paired with their RGB source images.
/// Transfer-for-DVS split: per class 250 train, 100 test, 150 unused. Frames: Tonic n_time_bins T = 6 at the sample's
/// own size, resized to 48x48 (align corners).
/// </summary>
public sealed class CepDvsDataset : IEventDatasetDefinition
{
    public string Name => "cep-dvs";

    public DatasetDomain Domain => DatasetDomain.Event;

    public string Description => "CEP-DVS: CIFAR-100 superclass images as events (20 classes x 500, 250/100 per class).";

    public string ExpectedLayout => CepDvsLayout.Layout;

    public SensorSize? Size => null;

    public string? PairedDataset => "cep-dvs-images";

    public FrameIntegrationSettings DefaultFrames => FrameIntegrationSettings.BrainCog(frames: 6, size: 48);

    public DatasetIndex Index(string root)
    {
        var folder = DatasetFolders.Find(root, "CEP-DVS", "CEPDVS", "") ?? root;
        if (!File.Exists(Path.Combine(folder, "pathFile.csv"))) folder = root;
        var mats = Path.Combine(folder, "data", "MAT", "img");
        if (File.Exists(Path.Combine(folder, "pathFile.csv")) && !Directory.Exists(mats))
            throw new DatasetLayoutException($"Dataset '{Name}' not found: {mats} is missing. Expected layout:\n{ExpectedLayout}");
        var samples = CepDvsLayout.Rows(folder, Name)
            .Select(r => new DatasetSample($"{r.Row:00000}", r.Label, r.Split, CepDvsLayout.FileFor(mats, r.Row, [".mat"]), r.Row))
            .ToList();
        return new DatasetIndex(Name, CepDvsLayout.Classes, samples);
    }

    public EventStream LoadEvents(DatasetSample sample) => CepDvsReader.Read(sample.File);
}
