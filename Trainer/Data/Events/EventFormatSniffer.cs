using System.Text;

namespace Snnsweep.Trainer.Data.Events;

/// <summary>
/// Guesses an event file's format from its magic bytes and header text, falling back to the extension only for the
/// headerless ATIS format. Fails with a message that suggests <c>--format</c> rather than guessing wildly.
/// </summary>
public static class EventFormatSniffer
{
    public static EventFormat Sniff(ReadOnlySpan<byte> bytes, string name)
    {
        if (AsciiHeader.StartsWith(bytes, "#!AER-DAT4")) return EventFormat.Aedat4;
        if (AsciiHeader.StartsWith(bytes, "#!AER-DAT3")) return EventFormat.Aedat31;
        if (AsciiHeader.StartsWith(bytes, "#!AER-DAT2")) return EventFormat.Aedat2;
        if (AsciiHeader.StartsWith(bytes, "MATLAB 5.0 MAT-file")) return EventFormat.CepDvsMat;
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (bytes.Length > 0 && bytes[0] == (byte)'%')
        {
            var head = Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 4096)]);
            if (head.Contains("% evt 3.0", StringComparison.Ordinal) || head.Contains("format EVT3", StringComparison.Ordinal)) return EventFormat.Evt3;
            if (head.Contains("% evt 2.0", StringComparison.Ordinal) || head.Contains("format EVT2", StringComparison.Ordinal)) return EventFormat.Evt2;
            if (extension == ".dat" || head.Contains("Data file containing", StringComparison.Ordinal)) return EventFormat.PropheseeDat;
            throw new DatasetFormatException(name, 0, "Prophesee header names no known event format (pass --format dat, evt2 or evt3)");
        }
        if (extension is ".bin" or ".bs2" && bytes.Length % 5 == 0) return EventFormat.Atis;
        throw new DatasetFormatException(name, 0, "unrecognised event file format (pass --format: atis, aedat2, aedat3, aedat4, mat, dat, evt2, evt3)");
    }
}
