namespace Snnsweep.Trainer.Data.Events;

/// <summary>Reads any supported event file, by explicit format or by sniffing its first bytes.</summary>
public static class EventFileReader
{
    public static EventStream Read(string path, EventFormat? format = null)
    {
        var bytes = DataFile.ReadAllBytes(path);
        return Parse(bytes, path, format ?? EventFormatSniffer.Sniff(bytes, path));
    }

    public static EventStream Parse(ReadOnlySpan<byte> bytes, string name, EventFormat format) => format switch
    {
        EventFormat.Atis => AtisBinReader.Parse(bytes, name),
        EventFormat.Aedat2 => Aedat2Reader.Parse(bytes, name),
        EventFormat.Aedat31 => Aedat31Reader.Parse(bytes, name),
        EventFormat.Aedat4 => Aedat4Reader.Parse(bytes, name),
        EventFormat.CepDvsMat => CepDvsReader.Parse(bytes, name),
        EventFormat.PropheseeDat => PropheseeDatReader.Parse(bytes, name),
        EventFormat.Evt2 => Evt2Reader.Parse(bytes, name),
        EventFormat.Evt3 => Evt3Reader.Parse(bytes, name),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };

    /// <summary>The short name printed by <c>data inspect</c> and accepted by <c>--format</c>.</summary>
    public static string NameOf(EventFormat format) => format switch
    {
        EventFormat.Atis => "atis",
        EventFormat.Aedat2 => "aedat2",
        EventFormat.Aedat31 => "aedat3.1",
        EventFormat.Aedat4 => "aedat4",
        EventFormat.CepDvsMat => "mat",
        EventFormat.PropheseeDat => "dat",
        EventFormat.Evt2 => "evt2",
        _ => "evt3",
    };

    /// <summary>Parses a user-typed format name (case-insensitive; "aedat3", "aedat3.1", "dat", "evt2", "bin" ... accepted).</summary>
    public static bool TryParseFormat(string text, out EventFormat format)
    {
        var key = text.Trim().ToLowerInvariant().Replace(".", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
        EventFormat? found = key switch
        {
            "atis" or "bin" or "nmnist" or "ncaltech101" or "bs2" => EventFormat.Atis,
            "aedat2" or "aedat20" or "jaer" => EventFormat.Aedat2,
            "aedat3" or "aedat31" or "caer" => EventFormat.Aedat31,
            "aedat4" or "aedat40" or "dv" => EventFormat.Aedat4,
            "mat" or "cepdvs" or "cepdvsmat" => EventFormat.CepDvsMat,
            "dat" or "propheseedat" => EventFormat.PropheseeDat,
            "evt2" or "evt20" or "raw2" => EventFormat.Evt2,
            "evt3" or "evt30" or "raw3" => EventFormat.Evt3,
            _ => null,
        };
        format = found ?? default;
        return found is not null;
    }
}
