namespace Snnsweep.Contracts;

/// <summary>Receives a sweep's snapshot whenever it changes (dashboard circuits, the CLI).</summary>
[Alias("snnsweep.ISweepObserver")]
public interface ISweepObserver : IGrainObserver
{
    [Alias("OnSweepChanged")]
    void OnSweepChanged(SweepSnapshot snapshot);
}
