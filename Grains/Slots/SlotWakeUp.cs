using Snnsweep.Contracts;

namespace Snnsweep.Grains.Slots;

/// <summary>The observer an idle slot registers with the queue: a wake-up call turns into a completed wait.</summary>
internal sealed class SlotWakeUp : ISlotObserver
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void OnWorkAvailable()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one pending wake-up is enough.
        }
    }

    /// <summary>Waits for a wake-up or <paramref name="timeout"/>, whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellation) => await _signal.WaitAsync(timeout, cancellation);
}
