namespace Snnsweep.Contracts;

/// <summary>
/// One attempt of a trial (key: <see cref="TrialTicket.AttemptKey"/>, "sweepId/number/attempt"), activated on the silo
/// whose slot leased it (prefer-local placement, first called by that silo's slot worker; a start on any other silo is
/// refused). Reads of an attempt that never started there leave no activation behind. Runs the trainer on a dedicated thread, reports epochs to its
/// sweep, and hands the ticket back when its silo shuts down. Its lease is the slot's: the slot worker renews it.
/// </summary>
[Alias("snnsweep.ITrialGrain")]
public interface ITrialGrain : IGrainWithStringKey
{
    /// <summary>Starts the leased attempt and returns at once; the slot learns of the end through its <c>SlotBoard</c>.</summary>
    [Alias("Start")]
    Task Start(TrialLease lease, TrialSpec spec, int slot);

    /// <summary>Interrupts the running attempt (it ends as interrupted; the checkpoint stays).</summary>
    [Alias("Interrupt"), AlwaysInterleave]
    Task Interrupt();

    /// <summary>The slot could not renew the attempt's lease (it expired or was withdrawn): stop, and leave the lease alone.</summary>
    [Alias("LoseLease"), AlwaysInterleave]
    Task LoseLease();

    /// <summary>
    /// Forwards pending epoch reports and, when the training thread has ended, the outcome at once instead of at
    /// the next timer tick (the trainer thread calls it as it finishes, so a slot is free again within milliseconds).
    /// </summary>
    [Alias("Pump"), OneWay]
    Task Pump();

    /// <summary>Whether an attempt is running in this activation (the slot's watchdog asks).</summary>
    [Alias("IsRunning"), AlwaysInterleave]
    Task<bool> IsRunning();

    /// <summary>The trial's log lines (newest last).</summary>
    [Alias("GetLog"), AlwaysInterleave]
    Task<string[]> GetLog();
}
