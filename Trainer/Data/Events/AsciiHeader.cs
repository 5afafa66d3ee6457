using System.Text;

namespace Snnsweep.Trainer.Data.Events;

/// <summary>Splits the line-oriented ASCII headers of AEDAT and Prophesee files (LF or CRLF).</summary>
internal static class AsciiHeader
{
    /// <summary>Longest header line accepted; real ones are under 200 bytes, XML preference lines a few KB.</summary>
    public const int MaxLineLength = 1 << 20;

    /// <summary>
    /// Reads the line starting at <paramref name="offset"/>; returns the offset after its LF, or the end of the
    /// data when the line is not terminated.
    /// </summary>
    public static int ReadLine(ReadOnlySpan<byte> bytes, int offset, out string line, string name)
    {
        var rest = bytes[offset..];
        var newline = rest.IndexOf((byte)'\n');
        var length = newline < 0 ? rest.Length : newline;
        if (length > MaxLineLength) throw new DatasetFormatException(name, offset, $"header line longer than {MaxLineLength} bytes");
        var content = rest[..length];
        if (content.Length > 0 && content[^1] == (byte)'\r') content = content[..^1];
        line = Encoding.Latin1.GetString(content);
        return newline < 0 ? bytes.Length : offset + newline + 1;
    }

    public static bool StartsWith(ReadOnlySpan<byte> bytes, string prefix)
    {
        if (bytes.Length < prefix.Length) return false;
        for (var i = 0; i < prefix.Length; i++)
            if (bytes[i] != (byte)prefix[i]) return false;
        return true;
    }
}
