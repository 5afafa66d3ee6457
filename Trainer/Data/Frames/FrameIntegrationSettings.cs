using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Snnsweep.Trainer.Data.Frames;

/// <summary>
/// Everything that determines the frames of one sample: slicing method and its parameters, polarity channels,
/// normalisation, optional crop and bilinear resize. Immutable; <see cref="CacheKey"/> is a stable, human-readable
/// key (the frame cache hashes it), identical for equal settings on every machine and run.
/// </summary>
public sealed record FrameIntegrationSettings
{
    public FrameSlicingMethod Slicing { get; init; } = FrameSlicingMethod.SpikingJellyNumber;

    /// <summary>T for SpikingJelly number/time and Tonic n_time_bins/n_event_bins.</summary>
    public int Frames { get; init; }

    /// <summary>Window length (us) for Tonic time_window and SpikingJelly fixed duration.</summary>
    public long WindowUs { get; init; }

    /// <summary>Events per slice for Tonic event_count.</summary>
    public int EventsPerSlice { get; init; }

    /// <summary>
    /// Tonic overlap: microseconds for time_window, events for event_count, a fraction in [0, 1) for n_time_bins and
    /// n_event_bins. Unused by the SpikingJelly methods.
    /// </summary>
    public double Overlap { get; init; }

    /// <summary>Tonic include_incomplete for time_window and event_count: keep a trailing partial slice.</summary>
    public bool IncludeIncomplete { get; init; }

    public PolarityChannels Channels { get; init; } = PolarityChannels.OffOn;

    public FrameNormalization Normalization { get; init; } = FrameNormalization.Counts;

    public FrameCrop? Crop { get; init; }

    public FrameResize? Resize { get; init; }

    public static FrameIntegrationSettings SpikingJellyNumber(int frames) => new() { Slicing = FrameSlicingMethod.SpikingJellyNumber, Frames = frames };

    public static FrameIntegrationSettings SpikingJellyTime(int frames) => new() { Slicing = FrameSlicingMethod.SpikingJellyTime, Frames = frames };

    public static FrameIntegrationSettings SpikingJellyDuration(long durationUs) => new() { Slicing = FrameSlicingMethod.SpikingJellyDuration, WindowUs = durationUs };

    public static FrameIntegrationSettings TonicTimeBins(int frames, double overlap = 0) => new() { Slicing = FrameSlicingMethod.TonicTimeBins, Frames = frames, Overlap = overlap };

    public static FrameIntegrationSettings TonicEventBins(int frames, double overlap = 0) => new() { Slicing = FrameSlicingMethod.TonicEventBins, Frames = frames, Overlap = overlap };

    public static FrameIntegrationSettings TonicTimeWindow(long windowUs, double overlapUs = 0, bool includeIncomplete = false) =>
        new() { Slicing = FrameSlicingMethod.TonicTimeWindow, WindowUs = windowUs, Overlap = overlapUs, IncludeIncomplete = includeIncomplete };

    public static FrameIntegrationSettings TonicEventCount(int eventsPerSlice, int overlapEvents = 0, bool includeIncomplete = false) =>
        new() { Slicing = FrameSlicingMethod.TonicEventCount, EventsPerSlice = eventsPerSlice, Overlap = overlapEvents, IncludeIncomplete = includeIncomplete };

    /// <summary>The settings of a fixed-T slicing (<see cref="FrameSlicing"/>) with everything else at its default.</summary>
    public static FrameIntegrationSettings For(FrameSlicing slicing, int frames) => slicing switch
    {
        FrameSlicing.EventCount => SpikingJellyNumber(frames),
        FrameSlicing.Time => SpikingJellyTime(frames),
        FrameSlicing.TonicTimeBins => TonicTimeBins(frames),
        FrameSlicing.TonicEventBins => TonicEventBins(frames),
        _ => throw new ArgumentOutOfRangeException(nameof(slicing), slicing, "unknown slicing"),
    };

    /// <summary>
    /// These settings with the slicing, frame count and output size of a training run: <paramref name="size"/> is the
    /// side of the square frames (bilinear resize, keeping these settings' corner alignment, aligned when they had
    /// none), 0 for the cropped or native sensor size.
    /// </summary>
    public FrameIntegrationSettings ForTraining(FrameSlicing slicing, int frames, int size)
    {
        var method = For(slicing, frames);
        return this with
        {
            Slicing = method.Slicing,
            Frames = frames,
            WindowUs = 0,
            EventsPerSlice = 0,
            Overlap = 0,
            IncludeIncomplete = false,
            Resize = size > 0 ? FrameResize.Square(size, alignCorners: Resize?.AlignCorners ?? true) : null,
        };
    }

    /// <summary>The fixed-T slicing these settings use, or null for window and event-count slicings.</summary>
    public FrameSlicing? TrainingSlicing => Slicing switch
    {
        FrameSlicingMethod.SpikingJellyNumber => FrameSlicing.EventCount,
        FrameSlicingMethod.SpikingJellyTime => FrameSlicing.Time,
        FrameSlicingMethod.TonicTimeBins => FrameSlicing.TonicTimeBins,
        FrameSlicingMethod.TonicEventBins => FrameSlicing.TonicEventBins,
        _ => null,
    };

    /// <summary>The BrainCog / Transfer-for-DVS pipeline: Tonic n_time_bins, then bilinear align-corners resize.</summary>
    public static FrameIntegrationSettings BrainCog(int frames, int size) => TonicTimeBins(frames) with { Resize = FrameResize.Square(size, alignCorners: true) };

    /// <summary>Channels per frame implied by <see cref="Channels"/>.</summary>
    public int ChannelCount => Channels == PolarityChannels.OffOn ? 2 : 1;

    /// <summary>Throws <see cref="ArgumentException"/> naming the offending field when the combination is invalid.</summary>
    public void Validate()
    {
        switch (Slicing)
        {
            case FrameSlicingMethod.SpikingJellyNumber or FrameSlicingMethod.SpikingJellyTime or FrameSlicingMethod.TonicTimeBins or FrameSlicingMethod.TonicEventBins:
                if (Frames <= 0) throw new ArgumentException($"Frames must be positive for {Slicing} (got {Frames}).", nameof(Frames));
                break;
            case FrameSlicingMethod.SpikingJellyDuration or FrameSlicingMethod.TonicTimeWindow:
                if (WindowUs <= 0) throw new ArgumentException($"WindowUs must be positive for {Slicing} (got {WindowUs}).", nameof(WindowUs));
                break;
            case FrameSlicingMethod.TonicEventCount:
                if (EventsPerSlice <= 0) throw new ArgumentException($"EventsPerSlice must be positive for {Slicing} (got {EventsPerSlice}).", nameof(EventsPerSlice));
                break;
        }
        var fractional = Slicing is FrameSlicingMethod.TonicTimeBins or FrameSlicingMethod.TonicEventBins;
        if (fractional && Overlap is < 0 or >= 1) throw new ArgumentException($"Overlap must be in [0, 1) for {Slicing} (got {Overlap}).", nameof(Overlap));
        if (Slicing == FrameSlicingMethod.TonicTimeWindow && (Overlap < 0 || Overlap >= WindowUs))
            throw new ArgumentException($"Overlap must be in [0, WindowUs) us (got {Overlap}).", nameof(Overlap));
        if (Slicing == FrameSlicingMethod.TonicEventCount && (Overlap < 0 || Overlap >= EventsPerSlice || Overlap != Math.Floor(Overlap)))
            throw new ArgumentException($"Overlap must be a whole number of events in [0, EventsPerSlice) (got {Overlap}).", nameof(Overlap));
        if (Resize is { } r && (r.Width <= 0 || r.Height <= 0)) throw new ArgumentException($"Resize must be positive (got {r.Width}x{r.Height}).", nameof(Resize));
        if (Crop is { } c && (c.X < 0 || c.Y < 0 || c.Width <= 0 || c.Height <= 0)) throw new ArgumentException($"Crop must be a non-empty rectangle at non-negative coordinates (got {c}).", nameof(Crop));
    }

    /// <summary>
    /// Canonical text of every field that changes the frames, e.g.
    /// <c>tonic-time-bins;T=10;overlap=0;ch=off-on;norm=counts;resize=48x48:ac</c>. Culture-invariant and stable.
    /// </summary>
    public string CacheKey
    {
        get
        {
            var parts = new List<string> { SlicingName(Slicing) };
            switch (Slicing)
            {
                case FrameSlicingMethod.SpikingJellyNumber or FrameSlicingMethod.SpikingJellyTime:
                    parts.Add(Invariant($"T={Frames}"));
                    break;
                case FrameSlicingMethod.TonicTimeBins or FrameSlicingMethod.TonicEventBins:
                    parts.Add(Invariant($"T={Frames}"));
                    parts.Add(Invariant($"overlap={Overlap:R}"));
                    break;
                case FrameSlicingMethod.SpikingJellyDuration:
                    parts.Add(Invariant($"window={WindowUs}us"));
                    break;
                case FrameSlicingMethod.TonicTimeWindow:
                    parts.Add(Invariant($"window={WindowUs}us;overlap={Overlap:R};incomplete={(IncludeIncomplete ? 1 : 0)}"));
                    break;
                case FrameSlicingMethod.TonicEventCount:
                    parts.Add(Invariant($"count={EventsPerSlice};overlap={Overlap:R};incomplete={(IncludeIncomplete ? 1 : 0)}"));
                    break;
            }
            parts.Add("ch=" + Channels switch { PolarityChannels.OffOn => "off-on", PolarityChannels.Merged => "merged", _ => "signed" });
            parts.Add("norm=" + Normalization switch { FrameNormalization.Counts => "counts", FrameNormalization.Binary => "binary", _ => "log1p" });
            if (Crop is { } c) parts.Add(Invariant($"crop={c.X},{c.Y},{c.Width}x{c.Height}"));
            if (Resize is { } r) parts.Add(Invariant($"resize={r.Width}x{r.Height}:{(r.AlignCorners ? "ac" : "hp")}"));
            return string.Join(';', parts);
        }
    }

    /// <summary>First 16 hex digits of the SHA-256 of <see cref="CacheKey"/>: a short folder name for the cache.</summary>
    public string CacheKeyHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CacheKey)))[..16];

    private static string SlicingName(FrameSlicingMethod method) => method switch
    {
        FrameSlicingMethod.SpikingJellyNumber => "sj-number",
        FrameSlicingMethod.SpikingJellyTime => "sj-time",
        FrameSlicingMethod.SpikingJellyDuration => "sj-duration",
        FrameSlicingMethod.TonicTimeBins => "tonic-time-bins",
        FrameSlicingMethod.TonicEventBins => "tonic-event-bins",
        FrameSlicingMethod.TonicTimeWindow => "tonic-time-window",
        _ => "tonic-event-count",
    };

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
