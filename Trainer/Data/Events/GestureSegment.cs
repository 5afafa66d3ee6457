namespace Snnsweep.Trainer.Data.Events;

/// <summary>One labelled gesture of a DVS128 Gesture trial: events with <c>StartUs &lt;= t &lt; EndUs</c>.</summary>
/// <param name="ClassId">1-based class id as in the CSV (1..11).</param>
/// <param name="Occurrence">How many earlier rows of the same trial had this class (SpikingJelly's file suffix).</param>
public sealed record GestureSegment(int ClassId, long StartUs, long EndUs, int Occurrence)
{
    /// <summary>Zero-based label (class id - 1).</summary>
    public int Label => ClassId - 1;
}
