namespace Snnsweep.Contracts;

/// <summary>
/// One sweep (key: sweep id). Owns the spec, the trial table and the search state; asks the sampler for as many
/// trials as it has free parallel places, answers epoch reports with continue / prune, records each result
/// exactly once, and refills the work queue.
/// </summary>
[Alias("snnsweep.ISweepGrain")]
public interface ISweepGrain : IGrainWithStringKey
{
    /// <summary>Starts the sweep; a second call with the same spec is a no-op, with another spec an error.</summary>
    [Alias("Create")]
    Task Create(SweepSpec spec);

    [Alias("GetSnapshot"), AlwaysInterleave]
    Task<SweepSnapshot> GetSnapshot();

    /// <summary>Stops proposing trials and interrupts running ones (they keep their checkpoints).</summary>
    [Alias("Stop")]
    Task Stop();

    /// <summary>Continues a stopped sweep: paused trials go back to the queue and resume from their checkpoints.</summary>
    [Alias("Resume")]
    Task Resume();

    /// <summary>Raises the trial budget by <paramref name="additionalTrials"/> (and restarts a completed sweep).</summary>
    [Alias("ExtendBudget")]
    Task ExtendBudget(int additionalTrials);

    /// <summary>The spec of a trial for the slot that leased it; null if the ticket is stale.</summary>
    [Alias("GetTrialSpec")]
    Task<TrialSpec?> GetTrialSpec(TrialTicket ticket, string owner);

    /// <summary>An epoch finished; the answer says whether to go on.</summary>
    [Alias("ReportEpoch")]
    Task<EpochDecision> ReportEpoch(TrialTicket ticket, EpochReport report);

    /// <summary>An attempt ended. Idempotent: only the first report of the current attempt counts.</summary>
    [Alias("ReportOutcome")]
    Task ReportOutcome(TrialTicket ticket, TrialOutcome outcome);

    /// <summary>Wakes the sweep after a restart (also done by its reminder): re-enqueues what was lost, refills.</summary>
    [Alias("Wake")]
    Task Wake();

    /// <summary>
    /// The next proposal of a refill, in a turn of its own: the sweep sends it to itself while parallel places are
    /// free, so reports from running trials are answered between two proposals rather than after all of them.
    /// </summary>
    [Alias("ProposeNext"), OneWay]
    Task ProposeNext();

    [Alias("Subscribe")]
    Task Subscribe(ISweepObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(ISweepObserver observer);
}
