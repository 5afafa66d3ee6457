using System.Globalization;
using System.Text.RegularExpressions;

namespace Snnsweep.Trainer.Data.Events;

/// <summary>The <c>%</c>-prefixed ASCII header of Prophesee DAT and RAW files, with the sensor size it implies.</summary>
public sealed partial record PropheseeHeader(IReadOnlyList<string> Lines, int BodyOffset, SensorSize? Sensor)
{
    /// <summary>Reads header lines while they start with <c>%</c>; a <c>% end</c> line closes the header early.</summary>
    public static PropheseeHeader Parse(ReadOnlySpan<byte> bytes, string name)
    {
        var lines = new List<string>();
        var offset = 0;
        int? width = null, height = null;
        while (offset < bytes.Length && bytes[offset] == (byte)'%')
        {
            offset = AsciiHeader.ReadLine(bytes, offset, out var line, name);
            lines.Add(line);
            var body = line.TrimStart('%').Trim();
            if (body == "end") break;
            if (TryKey(body, "Width", out var w)) width = w;
            if (TryKey(body, "Height", out var h)) height = h;
            var geometry = GeometryPattern().Match(body);
            if (geometry.Success)
            {
                width = int.Parse(geometry.Groups[1].Value, CultureInfo.InvariantCulture);
                height = int.Parse(geometry.Groups[2].Value, CultureInfo.InvariantCulture);
            }
            var format = FormatWidth().Match(body);
            if (format.Success) width = int.Parse(format.Groups[1].Value, CultureInfo.InvariantCulture);
            format = FormatHeight().Match(body);
            if (format.Success) height = int.Parse(format.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        SensorSize? sensor = width is > 0 and <= 1 << 14 && height is > 0 and <= 1 << 14 ? new SensorSize(width.Value, height.Value) : null;
        // Older RAW files name only the camera plugin; Gen4.1 (IMX636) is 1280x720, Gen3 is 640x480.
        if (sensor is null && lines.Any(l => l.Contains("gen41", StringComparison.OrdinalIgnoreCase) || l.Contains("imx636", StringComparison.OrdinalIgnoreCase)))
            sensor = new SensorSize(1280, 720);
        else if (sensor is null && lines.Any(l => l.Contains("plugin_name hal_plugin_gen3", StringComparison.OrdinalIgnoreCase)))
            sensor = new SensorSize(640, 480);
        return new PropheseeHeader(lines, offset, sensor);
    }

    /// <summary>The <c>evt</c> version the header names ("2.0", "3.0"), or null.</summary>
    public string? EvtVersion
    {
        get
        {
            foreach (var line in Lines)
            {
                var body = line.TrimStart('%').Trim();
                if (body.StartsWith("evt ", StringComparison.Ordinal)) return body[4..].Trim();
                var m = FormatName().Match(body);
                if (m.Success) return m.Groups[1].Value == "3" ? "3.0" : "2.0";
            }
            return null;
        }
    }

    private static bool TryKey(string body, string key, out int value)
    {
        value = 0;
        return body.StartsWith(key + " ", StringComparison.Ordinal)
            && int.TryParse(body[(key.Length + 1)..].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^geometry (\d{1,5})x(\d{1,5})$")]
    private static partial Regex GeometryPattern();

    [GeneratedRegex(@"^format .*\bwidth=(\d{1,5})")]
    private static partial Regex FormatWidth();

    [GeneratedRegex(@"^format .*\bheight=(\d{1,5})")]
    private static partial Regex FormatHeight();

    [GeneratedRegex(@"^format EVT(2|3)")]
    private static partial Regex FormatName();
}
