namespace Snnsweep.Contracts;

/// <summary>An idle slot, told by the queue the moment work arrives (so idle slots need not poll quickly).</summary>
[Alias("snnsweep.ISlotObserver")]
public interface ISlotObserver : IGrainObserver
{
    [Alias("OnWorkAvailable")]
    void OnWorkAvailable();
}
