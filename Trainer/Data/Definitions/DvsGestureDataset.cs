using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Frames;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// DVS128 Gesture (raw release): one AEDAT 3.1 recording per trial with a label CSV; each CSV row is a sample
/// (<c>start &lt;= t &lt; end</c>, rows masked independently as SpikingJelly does). The official trial lists give
/// 98 train trials (users 1-23) and 24 test trials (users 24-29): 1,176 / 288 segments.
/// </summary>
public sealed class DvsGestureDataset : IEventDatasetDefinition
{
    private readonly LastFileCache<EventStream> _trials = new();

    public string Name => "dvs-gesture";

    public DatasetDomain Domain => DatasetDomain.Event;

    public string Description => "DVS128 Gesture: 11 hand and arm gestures by 29 subjects (AEDAT 3.1 trials cut by their label CSVs).";

    public string ExpectedLayout => """
        <root>/DvsGesture/ (DvsGesture.tar.gz extracted; or <root>/ itself)
          trials_to_train.txt, trials_to_test.txt    (one trial file name per line)
          userNN_<lighting>.aedat                     (AEDAT 3.1)
          userNN_<lighting>_labels.csv                (class,startTime_usec,endTime_usec)
        """;

    public SensorSize? Size => SensorSize.Dvs128;

    public string? PairedDataset => null;

    public FrameIntegrationSettings DefaultFrames => FrameIntegrationSettings.SpikingJellyNumber(16);

    public DatasetIndex Index(string root)
    {
        var folder = DatasetFolders.Find(root, "DvsGesture", "DVSGesture", "");
        if (folder is null || !File.Exists(Path.Combine(folder, "trials_to_train.txt")))
            throw new DatasetLayoutException($"Dataset '{Name}' not found under '{Path.GetFullPath(root)}'. Expected layout:\n{ExpectedLayout}");
        var samples = new List<DatasetSample>();
        foreach (var (split, list) in new[] { (DatasetSplit.Train, "trials_to_train.txt"), (DatasetSplit.Test, "trials_to_test.txt") })
        {
            var listPath = Path.Combine(folder, list);
            if (!File.Exists(listPath)) continue;
            foreach (var trialFile in DvsGestureLabels.ReadTrialList(listPath))
            {
                var trial = Path.GetFileNameWithoutExtension(trialFile);
                var aedat = Path.Combine(folder, trial + ".aedat");
                var labels = Path.Combine(folder, trial + "_labels.csv");
                if (!File.Exists(aedat) || !File.Exists(labels))
                    throw new DatasetLayoutException($"{listPath} lists '{trialFile}', but {aedat} or {labels} is missing.");
                foreach (var segment in DvsGestureLabels.Read(labels))
                    samples.Add(new DatasetSample($"{trial}/{segment.Label}_{segment.Occurrence}", segment.Label, split, aedat, 0, segment.StartUs, segment.EndUs));
            }
        }
        return new DatasetIndex(Name, DvsGestureLabels.ClassNames, samples);
    }

    public EventStream LoadEvents(DatasetSample sample) =>
        _trials.Get(sample.File, path => Aedat31Reader.Read(path)).SliceByTime(sample.StartUs, sample.EndUs);
}
