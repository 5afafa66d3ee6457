namespace Snnsweep.Trainer.Data.Frames;

/// <summary>How polarities map to frame channels.</summary>
public enum PolarityChannels
{
    /// <summary>Two channels, 0 = OFF and 1 = ON (SpikingJelly and Tonic both index the channel by polarity).</summary>
    OffOn,

    /// <summary>One channel counting both polarities.</summary>
    Merged,

    /// <summary>One signed channel: ON adds 1, OFF subtracts 1.</summary>
    Signed,
}
