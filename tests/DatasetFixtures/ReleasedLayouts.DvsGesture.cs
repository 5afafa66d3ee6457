using System.Globalization;
using System.Text;
using Snnsweep.Trainer.Data.Events;

namespace Snnsweep.Tests.DatasetFixtures;

public static partial class ReleasedLayouts
{
    private static readonly string[] Lightings = ["natural", "fluorescent", "fluorescent_led", "lab", "led"];

    /// <summary>
    /// DVS128 Gesture (raw release): <c>DvsGesture/userNN_&lt;lighting&gt;.aedat</c> (AEDAT 3.1, DVS128) with its
    /// <c>_labels.csv</c>, and <c>trials_to_train.txt</c> / <c>trials_to_test.txt</c>. <paramref name="samplesPerClass"/>
    /// trials per split, training users from 01 and test users from 24 as in the official lists. Each trial performs
    /// every gesture once in a seeded order (arm roll twice in every other trial, as in the real recordings), each
    /// 6-10 s long with unlabelled activity between them. With <paramref name="withRealSamples"/> the first training
    /// trial is <c>user01_natural</c> with the real label CSV from ../shared/samples, and its recording is generated to
    /// match those rows.
    /// </summary>
    public static WrittenDataset DvsGesture(string root, int samplesPerClass = 2, int seed = 1, bool withRealSamples = false)
    {
        RequireAtLeast(samplesPerClass, 1, nameof(samplesPerClass), "every gesture needs a training and a test trial");
        var folder = Path.Combine(root, "DvsGesture");
        var realCsv = withRealSamples ? SharedSamples.Find("dvs-gesture/user01_natural_labels.csv") : null;
        var lists = new Dictionary<string, List<string>> { ["train"] = [], ["test"] = [] };
        foreach (var split in lists.Keys)
            for (var i = 0; i < samplesPerClass; i++)
            {
                // Training users 01-23, test users 24-29, each user under up to five lightings.
                var (users, first) = split == "train" ? (23, 1) : (6, 24);
                var trial = $"user{first + i % users:00}_{Lightings[(i / users + (split == "train" ? 0 : 1)) % Lightings.Length]}";
                var rng = FixtureFiles.Rng(seed, "dvs-gesture", trial);
                IReadOnlyList<(int Class, long Start, long End)> rows;
                if (realCsv is not null && split == "train" && i == 0)
                {
                    var bytes = File.ReadAllBytes(realCsv);
                    rows = DvsGestureLabels.Parse(bytes, realCsv).Select(s => (s.ClassId, s.StartUs, s.EndUs)).ToList();
                    FixtureFiles.Write(folder, $"{trial}_labels.csv", bytes);
                }
                else
                {
                    rows = GestureRows(rng, twiceArmRoll: i % 2 == 0);
                    var csv = new StringBuilder("class,startTime_usec,endTime_usec\n");
                    foreach (var (c, start, end) in rows) csv.Append(CultureInfo.InvariantCulture, $"{c},{start},{end}\n");
                    FixtureFiles.Text(folder, $"{trial}_labels.csv", csv.ToString());
                }
                FixtureFiles.Write(folder, $"{trial}.aedat", Aedat31Writer.Write(GestureEvents(rows, rng)));
                lists[split].Add(trial + ".aedat");
            }
        FixtureFiles.Text(folder, "trials_to_train.txt", string.Join("\n", lists["train"]) + "\n");
        FixtureFiles.Text(folder, "trials_to_test.txt", string.Join("\n", lists["test"]) + "\n");
        return new WrittenDataset("dvs-gesture", root, folder, 2 * samplesPerClass, realCsv is null ? 0 : 1);
    }

    /// <summary>Label rows (1-based class, start, end) in time order: the 11 gestures shuffled, 6-10 s each, 0.5-2 s apart.</summary>
    private static List<(int Class, long Start, long End)> GestureRows(Random rng, bool twiceArmRoll)
    {
        var classes = Enumerable.Range(1, DvsGestureLabels.ClassCount).ToList();
        if (twiceArmRoll) classes.Insert(classes.IndexOf(8) + 1, 8);
        var order = classes.ToArray();
        rng.Shuffle(order);
        var rows = new List<(int, long, long)>();
        var t = 1_000_000L + rng.Next(0, 2_000_000);
        foreach (var c in order)
        {
            t += rng.Next(500_000, 2_000_000);
            var end = t + rng.Next(6_000_000, 10_000_000);
            rows.Add((c, t, end));
            t = end;
        }
        return rows;
    }

    /// <summary>The trial's events: each labelled row shows its gesture's class signal, the gaps a little sensor noise.</summary>
    private static List<TestEvent> GestureEvents(IReadOnlyList<(int Class, long Start, long End)> rows, Random rng)
    {
        var events = new List<TestEvent>();
        var previousEnd = Math.Max(0, rows.Min(r => r.Start) - 1_000_000);
        foreach (var (c, start, end) in rows.OrderBy(r => r.Start))
        {
            if (start > previousEnd) events.AddRange(TestEvent.Random(rng.Next(), 10, 128, 128, previousEnd, (int)Math.Min(int.MaxValue, (start - previousEnd) / 11)));
            events.AddRange(ClassSignal.Events(c - 1, DvsGestureLabels.ClassCount, 128, 128, rng.Next(60, 120), rng, start, end - start));
            previousEnd = Math.Max(previousEnd, end);
        }
        // Time order across overlapping rows and gaps; OrderBy is stable.
        return events.OrderBy(e => e.T).ToList();
    }
}
