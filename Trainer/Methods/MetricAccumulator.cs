namespace Snnsweep.Trainer.Methods;

/// <summary>Running means of named per-batch metrics, taken (and reset) once per epoch.</summary>
public sealed class MetricAccumulator
{
    private readonly Dictionary<string, (double Sum, int Count)> _values = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    public void Add(string name, double value)
    {
        if (!_values.TryGetValue(name, out var entry))
        {
            entry = (0, 0);
            _order.Add(name);
        }
        _values[name] = (entry.Sum + value, entry.Count + 1);
    }

    /// <summary>The mean of every metric since the last call, in first-seen order; then starts afresh.</summary>
    public IReadOnlyDictionary<string, double> Take()
    {
        var means = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in _order) means[name] = _values[name].Sum / _values[name].Count;
        _values.Clear();
        _order.Clear();
        return means;
    }
}
