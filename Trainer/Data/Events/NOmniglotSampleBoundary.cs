namespace Snnsweep.Trainer.Data.Events;

/// <summary>Start and end timestamp (us, as in the event stream) of one drawer's sample inside an N-Omniglot recording.</summary>
/// <param name="Drawer">1-based drawer number (row order in the CSV).</param>
public sealed record NOmniglotSampleBoundary(int Drawer, long StartUs, long EndUs);
