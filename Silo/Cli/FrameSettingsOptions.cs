using System.CommandLine;
using Snnsweep.Trainer.Data.Frames;

namespace Snnsweep.Silo.Cli;

/// <summary>The command-line options that choose a <see cref="FrameIntegrationSettings"/>, overriding a dataset's default.</summary>
internal sealed class FrameSettingsOptions
{
    private static readonly Dictionary<string, FrameSlicingMethod> Methods = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sj-number"] = FrameSlicingMethod.SpikingJellyNumber,
        ["sj-time"] = FrameSlicingMethod.SpikingJellyTime,
        ["sj-duration"] = FrameSlicingMethod.SpikingJellyDuration,
        ["tonic-time-bins"] = FrameSlicingMethod.TonicTimeBins,
        ["tonic-event-bins"] = FrameSlicingMethod.TonicEventBins,
        ["tonic-time-window"] = FrameSlicingMethod.TonicTimeWindow,
        ["tonic-event-count"] = FrameSlicingMethod.TonicEventCount,
    };

    public Option<string?> Method { get; } = new("--method") { Description = $"Slicing: {string.Join(", ", Methods.Keys)} (default: the dataset's paper setting)." };

    public Option<int?> Frames { get; } = new("--frames") { Description = "Number of frames T (number/time/bins methods)." };

    public Option<long?> WindowUs { get; } = new("--window-us") { Description = "Window length in microseconds (sj-duration, tonic-time-window)." };

    public Option<int?> EventsPerSlice { get; } = new("--events-per-slice") { Description = "Events per slice (tonic-event-count)." };

    public Option<double?> Overlap { get; } = new("--overlap") { Description = "Tonic overlap: us (time-window), events (event-count) or a fraction (bins)." };

    public Option<bool> IncludeIncomplete { get; } = new("--include-incomplete") { Description = "Keep Tonic's trailing partial slice." };

    public Option<int?> Size { get; } = new("--size") { Description = "Resize frames to SIZE x SIZE with bilinear interpolation (0 = keep sensor size)." };

    public Option<bool?> AlignCorners { get; } = new("--align-corners") { Description = "Bilinear align_corners (true = BrainCog, false = PyTorch default)." };

    public Option<string?> Channels { get; } = new("--channels") { Description = "Polarity channels: off-on (default), merged, signed." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Method, Frames, WindowUs, EventsPerSlice, Overlap, IncludeIncomplete, Size, AlignCorners, Channels }) command.Options.Add(option);
    }

    /// <summary>Applies the given options on top of <paramref name="defaults"/>; throws <see cref="ArgumentException"/> naming a bad option.</summary>
    public FrameIntegrationSettings Resolve(ParseResult result, FrameIntegrationSettings defaults)
    {
        var settings = defaults;
        if (result.GetValue(Method) is { } method)
        {
            if (!Methods.TryGetValue(method, out var slicing))
                throw new ArgumentException($"--method '{method}' is not one of {string.Join(", ", Methods.Keys)}.");
            settings = settings with { Slicing = slicing };
        }
        if (result.GetValue(Frames) is { } frames) settings = settings with { Frames = frames };
        if (result.GetValue(WindowUs) is { } window) settings = settings with { WindowUs = window };
        if (result.GetValue(EventsPerSlice) is { } count) settings = settings with { EventsPerSlice = count };
        if (result.GetValue(Overlap) is { } overlap) settings = settings with { Overlap = overlap };
        if (result.GetValue(IncludeIncomplete)) settings = settings with { IncludeIncomplete = true };
        if (result.GetValue(Size) is { } size)
            settings = settings with { Resize = size == 0 ? null : FrameResize.Square(size, result.GetValue(AlignCorners) ?? settings.Resize?.AlignCorners ?? true) };
        else if (result.GetValue(AlignCorners) is { } align && settings.Resize is { } resize)
            settings = settings with { Resize = resize with { AlignCorners = align } };
        if (result.GetValue(Channels) is { } channels)
        {
            settings = settings with
            {
                Channels = channels.ToLowerInvariant() switch
                {
                    "off-on" => PolarityChannels.OffOn,
                    "merged" => PolarityChannels.Merged,
                    "signed" => PolarityChannels.Signed,
                    _ => throw new ArgumentException($"--channels '{channels}' is not one of off-on, merged, signed."),
                },
            };
        }
        if (settings.Frames <= 0 && settings.Slicing is FrameSlicingMethod.SpikingJellyNumber or FrameSlicingMethod.SpikingJellyTime or FrameSlicingMethod.TonicTimeBins or FrameSlicingMethod.TonicEventBins)
            settings = settings with { Frames = 10 };
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Invalid frame settings: {e.Message}", e);
        }
        return settings;
    }
}
