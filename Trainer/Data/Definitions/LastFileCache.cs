namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// Keeps the few most recently decoded files, because several samples come from one file (12 gestures per DVS128
/// Gesture trial, 20 drawers per N-Omniglot recording, 10,000 images per IDX or CIFAR batch) and are read in file
/// order, possibly by a few threads at once. Small and bounded: one entry per concurrent reader is enough.
/// </summary>
internal sealed class LastFileCache<T>
    where T : class
{
    private readonly Lock _lock = new();
    private readonly LinkedList<(string Path, T Value)> _entries = new();
    private readonly int _capacity;

    public LastFileCache(int capacity = 0) => _capacity = capacity > 0 ? capacity : Math.Min(8, Environment.ProcessorCount + 1);

    public T Get(string path, Func<string, T> load)
    {
        lock (_lock)
        {
            for (var node = _entries.First; node is not null; node = node.Next)
            {
                if (node.Value.Path != path) continue;
                _entries.Remove(node);
                _entries.AddFirst(node);
                return node.Value.Value;
            }
        }
        var value = load(path);
        lock (_lock)
        {
            _entries.AddFirst((path, value));
            while (_entries.Count > _capacity) _entries.RemoveLast();
        }
        return value;
    }
}
