namespace Snnsweep.Trainer.Data.Registry;

/// <summary>
/// Keeps the most recently decoded file, because several samples come from one file (12 gestures per DVS128 Gesture
/// trial, 20 drawers per N-Omniglot recording, 10,000 images per IDX or CIFAR batch) and are read in file order.
/// </summary>
internal sealed class LastFileCache<T>
    where T : class
{
    private readonly Lock _lock = new();
    private string? _path;
    private T? _value;

    public T Get(string path, Func<string, T> load)
    {
        lock (_lock)
        {
            if (_path == path && _value is not null) return _value;
        }
        var value = load(path);
        lock (_lock)
        {
            _path = path;
            _value = value;
        }
        return value;
    }
}
