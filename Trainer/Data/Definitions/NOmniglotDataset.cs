using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Frames;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// N-Omniglot (Li et al. 2022): one AEDAT 4 recording (DAVIS346) per character holding all 20 drawers, cut by the
/// character's CSV. 1,623 classes; "full" classification split: drawers 1-15 train, 16-20 test (24,345 / 8,115).
/// Default frames follow BrainCog: 12 equal-time slices (its integrate_events_to_frames is SpikingJelly 'time'),
/// binary, the 250x250 centre crop, resized to 28x28.
/// </summary>
public sealed class NOmniglotDataset : IEventDatasetDefinition
{
    private readonly LastFileCache<EventStream> _recordings = new();

    public string Name => "n-omniglot";

    public DatasetDomain Domain => DatasetDomain.Event;

    public string Description => "N-Omniglot: Omniglot strokes replayed to a DAVIS346 (1,623 classes x 20 drawers).";

    public string ExpectedLayout => """
        <root>/dvs_background/<Alphabet>/characterNN/<cccc>.aedat4 + <cccc>.csv   (also under <root>/N-Omniglot/)
        <root>/dvs_evaluation/<Alphabet>/characterNN/<cccc>.aedat4 + <cccc>.csv
          csv: a header row, then one row per drawer: <id>,<start us>,<end us>,...
        """;

    public SensorSize? Size => SensorSize.Davis346;

    public string? PairedDataset => "omniglot";

    public FrameIntegrationSettings DefaultFrames => FrameIntegrationSettings.SpikingJellyTime(12) with
    {
        Normalization = FrameNormalization.Binary,
        Crop = new FrameCrop(54, 4, 250, 250),
        Resize = FrameResize.Square(28, alignCorners: true),
    };

    public DatasetIndex Index(string root)
    {
        var folder = DatasetFolders.Find(root, "N-Omniglot", "NOmniglot", "") is { } f && Directory.Exists(Path.Combine(f, "dvs_background")) ? f
            : throw new DatasetLayoutException($"Dataset '{Name}' not found under '{Path.GetFullPath(root)}'. Expected layout:\n{ExpectedLayout}");
        var characters = OmniglotLayout.Characters(DatasetFolders.Find(folder, "dvs_background"), DatasetFolders.Find(folder, "dvs_evaluation"));
        var samples = new List<DatasetSample>();
        for (var label = 0; label < characters.Count; label++)
        {
            var (name, characterFolder) = characters[label];
            var recording = Directory.GetFiles(characterFolder, "*.aedat4").Order(StringComparer.Ordinal).FirstOrDefault();
            var csv = Directory.GetFiles(characterFolder, "*.csv").Order(StringComparer.Ordinal).FirstOrDefault();
            if (recording is null || csv is null)
                throw new DatasetLayoutException($"{characterFolder} must hold one .aedat4 recording and its .csv of sample boundaries.");
            foreach (var boundary in NOmniglotReader.ReadBoundaries(csv))
                samples.Add(new DatasetSample($"{name}/{boundary.Drawer:00}", label, OmniglotLayout.SplitForDrawer(boundary.Drawer), recording, boundary.Drawer, boundary.StartUs, boundary.EndUs));
        }
        return new DatasetIndex(Name, characters.Select(c => c.Name).ToList(), samples);
    }

    public EventStream LoadEvents(DatasetSample sample) =>
        _recordings.Get(sample.File, Aedat4Reader.Read).SliceByTime(sample.StartUs, sample.EndUs);
}
