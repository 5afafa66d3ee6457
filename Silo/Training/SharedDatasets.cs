using System.Collections.Concurrent;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Data.Frames;

namespace Snnsweep.Silo.Training;

/// <summary>
/// Datasets loaded once per silo process and shared by every trial on its slots: frames are read-only
/// after loading, so concurrent trials can batch from the same buffers.
/// </summary>
public sealed class SharedDatasets(string dataRoot)
{
    private readonly ConcurrentDictionary<(string, int, FrameSlicing), Lazy<DatasetSplits>> _loaded = new();

    public string DataRoot { get; } = dataRoot;

    public DatasetSplits Get(string dataset, int timesteps, FrameSlicing slicing) =>
        _loaded.GetOrAdd((dataset.ToLowerInvariant(), timesteps, slicing),
            key => new Lazy<DatasetSplits>(() => DatasetCatalog.Open(key.Item1, key.Item2, key.Item3, DataRoot), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
