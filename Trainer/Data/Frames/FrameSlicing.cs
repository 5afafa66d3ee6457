namespace Snnsweep.Trainer.Data.Frames;

/// <summary>How an event stream is cut into a fixed number of frames (the <c>data.slicing</c> key).</summary>
public enum FrameSlicing
{
    /// <summary>SpikingJelly <c>split_by='number'</c>: equal event counts, the last frame takes the remainder.</summary>
    EventCount,

    /// <summary>SpikingJelly <c>split_by='time'</c>: equal durations, the last frame runs to the final event.</summary>
    Time,

    /// <summary>Tonic <c>ToFrame(n_time_bins=T)</c>: the BrainCog / Transfer-for-DVS pipeline.</summary>
    TonicTimeBins,

    /// <summary>Tonic <c>ToFrame(n_event_bins=T)</c>.</summary>
    TonicEventBins,
}
