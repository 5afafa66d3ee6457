using Snnsweep.Trainer.Training;

namespace Snnsweep.Trainer.Methods;

/// <summary>
/// Batches of an epoch over the event training samples, in the order <see cref="TrainingLoop.ShuffledOrder"/>
/// gives for (seed, epoch): the plan of every event-driven method (baseline, kt, ssnn).
/// </summary>
public sealed class EventEpochPlan(int count, int batchSize, int seed)
{
    private int _epoch;
    private int[] _order = [];

    public int Count { get; } = count;

    public int BatchSize { get; } = batchSize;

    public int BatchesPerEpoch => (Count + BatchSize - 1) / BatchSize;

    /// <summary>Sample indices of the batch at <paramref name="position"/>.</summary>
    public ReadOnlySpan<int> Indices(BatchPosition position)
    {
        if (position.Epoch != _epoch)
        {
            _order = TrainingLoop.ShuffledOrder(Count, seed, position.Epoch);
            _epoch = position.Epoch;
        }
        var start = position.Batch * BatchSize;
        return _order.AsSpan(start, Math.Min(BatchSize, Count - start));
    }
}
