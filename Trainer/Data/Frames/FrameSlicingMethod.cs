namespace Snnsweep.Trainer.Data.Frames;

/// <summary>
/// How events are cut into frames, named after the library whose index arithmetic is reproduced exactly
/// (see docs/datasets.md and event-data.md section 3).
/// </summary>
public enum FrameSlicingMethod
{
    /// <summary>SpikingJelly <c>split_by='number'</c>: T slices of N // T events, the last takes the remainder.</summary>
    SpikingJellyNumber,

    /// <summary>SpikingJelly <c>split_by='time'</c>: T slices of (t_last - t_first) // T us, the last runs to the final event.</summary>
    SpikingJellyTime,

    /// <summary>SpikingJelly <c>integrate_events_by_fixed_duration</c>: ceil(span / duration) frames, the last takes the rest.</summary>
    SpikingJellyDuration,

    /// <summary>Tonic <c>n_time_bins</c> (BrainCog): T equal windows; events at or after t0 + T * window are dropped.</summary>
    TonicTimeBins,

    /// <summary>Tonic <c>n_event_bins</c>: T slices of int(N // T * (1 + overlap)) events; the remainder is dropped.</summary>
    TonicEventBins,

    /// <summary>Tonic <c>time_window</c>: windows of fixed length (us) with overlap and include_incomplete; frame count varies.</summary>
    TonicTimeWindow,

    /// <summary>Tonic <c>event_count</c>: slices of fixed event count with overlap and include_incomplete; frame count varies.</summary>
    TonicEventCount,
}
