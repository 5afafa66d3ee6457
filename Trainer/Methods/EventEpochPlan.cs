using Snnsweep.Trainer.Training;

namespace Snnsweep.Trainer.Methods;

/// <summary>
/// The batches of an epoch over the event training samples (baseline, kt, ssnn). The samples are read as a
/// stream of permutations, permutation r being <see cref="TrainingLoop.ShuffledOrder"/> for (seed, r + 1), and
/// an epoch takes the next <c>samplesPerEpoch</c> of them: one whole permutation per epoch by default, the
/// classic shuffled epoch; more or fewer to give every method the same budget. Pure in (seed, epoch, batch).
/// </summary>
public sealed class EventEpochPlan
{
    private readonly int _seed;
    private long _round = -1;
    private int[] _order = [];

    /// <param name="count">Event training samples.</param>
    /// <param name="batchSize">Samples per batch.</param>
    /// <param name="seed">Seed of the permutations.</param>
    /// <param name="samplesPerEpoch">Samples per epoch; 0 takes each sample once.</param>
    public EventEpochPlan(int count, int batchSize, int seed, int samplesPerEpoch = 0)
    {
        Count = count;
        BatchSize = batchSize;
        SamplesPerEpoch = samplesPerEpoch > 0 ? samplesPerEpoch : count;
        _seed = seed;
    }

    public int Count { get; }

    public int BatchSize { get; }

    public int SamplesPerEpoch { get; }

    public int BatchesPerEpoch => (SamplesPerEpoch + BatchSize - 1) / BatchSize;

    /// <summary>Sample indices of the batch at <paramref name="position"/>.</summary>
    public int[] Indices(BatchPosition position)
    {
        var start = position.Batch * BatchSize;
        var indices = new int[Math.Min(BatchSize, SamplesPerEpoch - start)];
        for (var j = 0; j < indices.Length; j++)
        {
            var global = (long)(position.Epoch - 1) * SamplesPerEpoch + start + j;
            var round = global / Count;
            if (round != _round)
            {
                _order = TrainingLoop.ShuffledOrder(Count, _seed, (int)round + 1);
                _round = round;
            }
            indices[j] = _order[global % Count];
        }
        return indices;
    }
}
