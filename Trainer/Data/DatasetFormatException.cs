namespace Snnsweep.Trainer.Data;

/// <summary>
/// A dataset file is truncated, corrupt, of another format, or declares an impossible size. The message
/// names the file and the byte offset where reading failed, so a researcher can find the bad file among
/// thousands; trials that meet one fail with this message and leave the process running.
/// </summary>
public sealed class DatasetFormatException : Exception
{
    public DatasetFormatException(string file, long offset, string problem, Exception? inner = null)
        : base($"{file}: {problem} (at byte {offset}).", inner)
    {
        File = file;
        Offset = offset;
        Problem = problem;
    }

    /// <summary>The file that could not be read.</summary>
    public string File { get; }

    /// <summary>Byte offset in the (decompressed) file where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }
}
