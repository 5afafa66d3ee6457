using System.Globalization;

namespace Snnsweep.Tests.ClusterFixtures;

/// <summary>
/// What the chaos silos' runners really did, as the ground truth the sweep's own records are checked against: one
/// file per process in a shared folder (so concurrent processes never interleave a line), each line written through
/// to the kernel before the epoch goes on, so a SIGKILL loses none of it.
/// </summary>
public sealed class EpochJournal
{
    private readonly StreamWriter _writer;
    private readonly int _pid = Environment.ProcessId;

    public EpochJournal(string folder)
    {
        Directory.CreateDirectory(folder);
        var stream = new FileStream(Path.Combine(folder, $"{_pid}.log"), FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 1);
        _writer = new StreamWriter(stream) { AutoFlush = true };
    }

    public void Write(Guid run, int trial, int epoch, JournalKind kind)
    {
        lock (_writer)
            _writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{_pid} {run:N} {trial} {epoch} {kind} {DateTime.UtcNow:O}"));
    }

    /// <summary>Every entry of every process in <paramref name="folder"/>; a line cut short by a kill is skipped.</summary>
    public static IReadOnlyList<JournalEntry> Read(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.log").SelectMany(File.ReadLines).Select(Parse).OfType<JournalEntry>().OrderBy(e => e.At)];

    private static JournalEntry? Parse(string line)
    {
        var parts = line.Split(' ');
        if (parts.Length != 6 || !Enum.TryParse<JournalKind>(parts[4], out var kind)
            || !DateTime.TryParse(parts[5], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at)) return null;
        return new JournalEntry(int.Parse(parts[0], CultureInfo.InvariantCulture), Guid.ParseExact(parts[1], "N"),
            int.Parse(parts[2], CultureInfo.InvariantCulture), int.Parse(parts[3], CultureInfo.InvariantCulture), kind, at);
    }
}
