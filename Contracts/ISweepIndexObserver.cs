namespace Snnsweep.Contracts;

/// <summary>Told when a sweep is added to the index (the dashboard's sweeps list follows it without polling).</summary>
[Alias("snnsweep.ISweepIndexObserver")]
public interface ISweepIndexObserver : IGrainObserver
{
    [Alias("OnSweepAdded")]
    void OnSweepAdded(string sweepId);
}
