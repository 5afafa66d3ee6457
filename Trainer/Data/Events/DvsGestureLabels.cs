using System.Globalization;
using System.Text;

namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// Parses DVS128 Gesture <c>userNN_lighting_labels.csv</c> files (<c>class,startTime_usec,endTime_usec</c>) and the
/// official <c>trials_to_train.txt</c> / <c>trials_to_test.txt</c> lists, and cuts a trial into its segments.
/// </summary>
public static class DvsGestureLabels
{
    public const int ClassCount = 11;

    public static readonly IReadOnlyList<string> ClassNames =
    [
        "hand_clapping", "right_hand_wave", "left_hand_wave", "right_arm_clockwise", "right_arm_counter_clockwise",
        "left_arm_clockwise", "left_arm_counter_clockwise", "arm_roll", "air_drums", "air_guitar", "other_gestures",
    ];

    public static IReadOnlyList<GestureSegment> Read(string path) => Parse(DataFile.ReadAllBytes(path), path);

    /// <summary>Rows in file order (they are not sorted by class, and a class may occur twice).</summary>
    public static IReadOnlyList<GestureSegment> Parse(ReadOnlySpan<byte> bytes, string name)
    {
        var text = Encoding.UTF8.GetString(bytes);
        var segments = new List<GestureSegment>();
        var occurrences = new int[ClassCount + 1];
        var offset = 0;
        var first = true;
        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r').Trim();
            var lineOffset = offset;
            offset += Encoding.UTF8.GetByteCount(rawLine) + 1;
            if (line.Length == 0) continue;
            if (first)
            {
                first = false;
                if (line.StartsWith("class", StringComparison.OrdinalIgnoreCase)) continue;
            }
            var fields = line.Split(',');
            if (fields.Length < 3
                || !int.TryParse(fields[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var classId)
                || !long.TryParse(fields[1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var start)
                || !long.TryParse(fields[2].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var end))
                throw new DatasetFormatException(name, lineOffset, $"label row '{Truncate(line)}' is not 'class,start,end'");
            if (classId is < 1 or > ClassCount)
                throw new DatasetFormatException(name, lineOffset, $"gesture class {classId} is outside 1..{ClassCount}");
            if (start < 0 || end <= start)
                throw new DatasetFormatException(name, lineOffset, $"gesture time range [{start}, {end}) is empty or negative");
            segments.Add(new GestureSegment(classId, start, end, occurrences[classId]++));
        }
        return segments;
    }

    /// <summary>Trial file names (e.g. <c>user01_fluorescent.aedat</c>) listed one per line.</summary>
    public static IReadOnlyList<string> ReadTrialList(string path)
    {
        var text = Encoding.UTF8.GetString(DataFile.ReadAllBytes(path));
        return text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
    }

    /// <summary>The events of one segment, <c>start &lt;= t &lt; end</c> (each row masked independently, as SpikingJelly does).</summary>
    public static EventStream Cut(EventStream trial, GestureSegment segment) => trial.SliceByTime(segment.StartUs, segment.EndUs);

    private static string Truncate(string s) => s.Length <= 60 ? s : s[..60] + "...";
}
