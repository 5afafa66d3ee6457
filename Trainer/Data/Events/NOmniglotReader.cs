using System.Globalization;
using System.Text;

namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// Reads N-Omniglot as released: one AEDAT 4 recording per character (<c>&lt;cccc&gt;.aedat4</c>, all 20 drawers) plus a
/// CSV (<c>&lt;cccc&gt;.csv</c>, a header row and one row per drawer whose 2nd and 3rd columns are the start and end
/// timestamps). Sample k is the events from the first with <c>t &gt;= start</c> up to, excluding, the first with
/// <c>t &gt;= end</c>, which is BrainCog's "first event with t == start/end" for the timestamps the CSV holds.
/// </summary>
public static class NOmniglotReader
{
    public const int DrawersPerCharacter = 20;

    public static IReadOnlyList<NOmniglotSampleBoundary> ReadBoundaries(string csvPath) => ParseBoundaries(DataFile.ReadAllBytes(csvPath), csvPath);

    public static IReadOnlyList<NOmniglotSampleBoundary> ParseBoundaries(ReadOnlySpan<byte> bytes, string name)
    {
        var lines = Encoding.UTF8.GetString(bytes).Split('\n');
        var result = new List<NOmniglotSampleBoundary>();
        var offset = 0L;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r').Trim();
            var lineOffset = offset;
            offset += Encoding.UTF8.GetByteCount(lines[i]) + 1;
            if (i == 0 || line.Length == 0) continue; // header row
            var fields = line.Split(',');
            if (fields.Length < 3 || !TryParseTimestamp(fields[1], out var start) || !TryParseTimestamp(fields[2], out var end))
                throw new DatasetFormatException(name, lineOffset, $"row {i} is not '<id>,<start us>,<end us>,...'");
            if (end < start) throw new DatasetFormatException(name, lineOffset, $"row {i} ends ({end}) before it starts ({start})");
            result.Add(new NOmniglotSampleBoundary(result.Count + 1, start, end));
        }
        if (result.Count == 0) throw new DatasetFormatException(name, 0, "no sample rows");
        return result;
    }

    /// <summary>Decodes a character recording and cuts it into its drawers' samples.</summary>
    public static IReadOnlyList<EventStream> ReadCharacter(string aedat4Path, string csvPath)
    {
        var recording = Aedat4Reader.Read(aedat4Path);
        return ReadBoundaries(csvPath).Select(b => Cut(recording, b)).ToList();
    }

    public static EventStream Cut(EventStream recording, NOmniglotSampleBoundary boundary) => recording.SliceByTime(boundary.StartUs, boundary.EndUs);

    private static bool TryParseTimestamp(string field, out long value)
    {
        field = field.Trim();
        if (long.TryParse(field, NumberStyles.Integer, CultureInfo.InvariantCulture, out value)) return value >= 0;
        // Pandas-written CSVs sometimes store the stamps as floats ("1.6e15" or "123.0").
        if (double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d < 9e18)
        {
            value = (long)d;
            return true;
        }
        return false;
    }
}
