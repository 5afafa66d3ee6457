namespace Snnsweep.Grains.Slots;

/// <summary>The training slots of one silo: one worker per slot, never two trials on a slot.</summary>
public sealed class SlotOptions
{
    /// <summary>Devices, one per slot ("cuda:0", "cuda:1", ... or "cpu" repeated). Empty: the silo runs no trials.</summary>
    public List<string> Devices { get; set; } = [];

    /// <summary>How long an idle slot waits for a wake-up before asking the queue again anyway.</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a busy slot checks that its trial is still alive (in case the trial grain was lost).</summary>
    public TimeSpan Watchdog { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Trials in a row that may fail on one slot before it stops leasing (and the silo reports it unready): one bad
    /// configuration fails on every slot alike and is stopped by its retries; a slot that fails everything is the slot.
    /// </summary>
    public int MaxConsecutiveFailures { get; set; } = 3;
}
