using System.Globalization;
using System.Text.RegularExpressions;

namespace Snnsweep.Trainer.Models;

/// <summary>
/// Parses the compact layer notation of docs/methods.md, e.g. <c>64C3-128C3-AP2-256C3s2</c>, and knows the
/// named presets (<c>tiny-vgg3</c>, <c>vggsnn</c>, <c>vgg9</c>).
/// </summary>
public static partial class VggLayerString
{
    /// <summary>Named layer strings: the Tiny-VGG-3 of docs/methods.md §5.2 and the 48x48 VGGSNN / VGG-9 of §1.6 and §2.3.</summary>
    public static readonly IReadOnlyDictionary<string, string> Presets = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["tiny-vgg3"] = "16C3-AP2-32C3-AP2-64C3-AP2",
        ["vggsnn"] = "64C3-128C3-AP2-256C3-256C3-AP2-512C3-512C3-AP2-512C3-512C3-AP2",
        ["vgg9"] = "64C3-128C3-AP2-256C3-256C3-AP2-512C3-512C3-AP2-512C3-512C3-AP2",
    };

    /// <summary>Parses a preset name or a layer string; throws <see cref="FormatException"/> naming the bad token.</summary>
    public static IReadOnlyList<VggLayer> Parse(string text)
    {
        if (Presets.TryGetValue(text.Trim(), out var preset)) text = preset;
        var layers = new List<VggLayer>();
        foreach (var token in text.Split('-', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var conv = ConvToken().Match(token);
            if (conv.Success)
            {
                var channels = int.Parse(conv.Groups[1].Value, CultureInfo.InvariantCulture);
                var kernel = int.Parse(conv.Groups[2].Value, CultureInfo.InvariantCulture);
                var stride = conv.Groups[3].Success ? int.Parse(conv.Groups[3].Value, CultureInfo.InvariantCulture) : 1;
                if (channels is < 1 or > 4096 || kernel is < 1 or > 11 || kernel % 2 == 0 || stride is < 1 or > 4)
                    throw new FormatException($"layer '{token}' is out of range (channels 1..4096, odd kernel 1..11, stride 1..4)");
                layers.Add(new VggLayer(VggLayerKind.Conv, channels, kernel, stride));
                continue;
            }
            var pool = PoolToken().Match(token);
            if (pool.Success)
            {
                var size = int.Parse(pool.Groups[2].Value, CultureInfo.InvariantCulture);
                if (size is < 2 or > 8) throw new FormatException($"layer '{token}' has a pooling window outside 2..8");
                var kind = pool.Groups[1].Value.Equals("AP", StringComparison.OrdinalIgnoreCase) ? VggLayerKind.AveragePool : VggLayerKind.MaxPool;
                layers.Add(new VggLayer(kind, 0, size, size));
                continue;
            }
            throw new FormatException($"layer '{token}' is not understood (expected e.g. 64C3, 128C3s2, AP2 or MP2, or a preset: {string.Join(", ", Presets.Keys)})");
        }
        if (!layers.Any(l => l.Kind == VggLayerKind.Conv)) throw new FormatException($"layer string '{text}' has no conv layer");
        return layers;
    }

    [GeneratedRegex(@"^(\d+)C(\d+)(?:s(\d+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex ConvToken();

    [GeneratedRegex(@"^(AP|MP)(\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex PoolToken();
}
