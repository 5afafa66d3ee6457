using System.Collections.Concurrent;

namespace Snnsweep.Grains.Slots;

/// <summary>
/// Slots of this silo that stopped leasing because they failed trial after trial (a GPU in a bad state, a device
/// out of memory for anything): the silo reports them, unready, instead of failing every trial it is given.
/// </summary>
public sealed class SlotHealth
{
    private readonly ConcurrentDictionary<int, string> _stopped = new();

    /// <summary>Slot -> why it stopped leasing.</summary>
    public IReadOnlyDictionary<int, string> Stopped => _stopped;

    public void Stop(int slot, string why) => _stopped[slot] = why;
}
