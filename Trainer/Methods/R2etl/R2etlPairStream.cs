namespace Snnsweep.Trainer.Methods.R2etl;

/// <summary>
/// r2etl's pairing (docs/methods.md §3.2): the static images drive the epoch, and the partner of the i-th static
/// image of class y is event sample <c>i mod n_y</c> of that class. The static images are read as an endless
/// stream of seeded permutations, so an epoch of fewer pairs than images continues where the last one
/// stopped; the pairs of any batch are a pure function of (seed, epoch, batch).
/// </summary>
public sealed class R2etlPairStream
{
    private readonly int[] _staticImages;
    private readonly int[] _indexInClass;
    private readonly int[] _staticLabels;
    private readonly ClassPairedSampler _events;
    private readonly int _seed;
    private readonly Dictionary<long, int[]> _permutations = [];

    /// <param name="staticLabels">Class of every static image.</param>
    /// <param name="eventLabels">Class of every event training sample.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="pairsPerEpoch">Pairs per epoch; 0 takes every usable static image once.</param>
    /// <param name="batchSize">Pairs per batch.</param>
    /// <param name="seed">Seed of the permutations.</param>
    public R2etlPairStream(IReadOnlyList<int> staticLabels, IReadOnlyList<int> eventLabels, int classes, int pairsPerEpoch, int batchSize, int seed)
    {
        _events = new ClassPairedSampler(eventLabels, classes);
        _staticLabels = staticLabels.ToArray();
        _indexInClass = new int[_staticLabels.Length];
        var seen = new int[classes];
        for (var i = 0; i < _staticLabels.Length; i++) _indexInClass[i] = seen[_staticLabels[i]]++;
        // Static images of a class no event sample has cannot be paired.
        _staticImages = Enumerable.Range(0, _staticLabels.Length).Where(i => _events.HasClass(_staticLabels[i])).ToArray();
        if (_staticImages.Length == 0) throw new ArgumentException("no static image shares a class with the event training samples");
        PairsPerEpoch = pairsPerEpoch > 0 ? pairsPerEpoch : _staticImages.Length;
        BatchSize = batchSize;
        _seed = seed;
    }

    public int PairsPerEpoch { get; }

    public int BatchSize { get; }

    public int BatchesPerEpoch => (PairsPerEpoch + BatchSize - 1) / BatchSize;

    /// <summary>Static image and event sample of every pair of the batch at <paramref name="position"/>.</summary>
    public (int[] Static, int[] Events) Pairs(BatchPosition position)
    {
        var start = position.Batch * BatchSize;
        var count = Math.Min(BatchSize, PairsPerEpoch - start);
        var statics = new int[count];
        var events = new int[count];
        for (var j = 0; j < count; j++)
        {
            var global = (long)(position.Epoch - 1) * PairsPerEpoch + start + j;
            var image = Permutation(global / _staticImages.Length)[(int)(global % _staticImages.Length)];
            statics[j] = image;
            events[j] = _events.Cyclic(_staticLabels[image], _indexInClass[image]);
        }
        return (statics, events);
    }

    private int[] Permutation(long round)
    {
        if (_permutations.TryGetValue(round, out var cached)) return cached;
        if (_permutations.Count > 4) _permutations.Clear();
        var order = (int[])_staticImages.Clone();
        new Random(unchecked(_seed * 1_000_003 + (int)round * 7919 + 17)).Shuffle(order);
        _permutations[round] = order;
        return order;
    }
}
