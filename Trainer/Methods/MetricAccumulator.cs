using Snnsweep.Trainer.Native;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods;

/// <summary>
/// Running means of named per-batch metrics, taken (and reset) once per epoch. Metrics that are tensors are summed
/// where they were computed, so a batch on a GPU adds them without waiting for the device; <see cref="Take"/>
/// reads every sum in one host read.
/// </summary>
public sealed class MetricAccumulator : IDisposable
{
    private readonly Dictionary<string, Entry> _values = new(StringComparer.Ordinal);
    private readonly List<string> _order = [];

    /// <summary>Adds a value known on the host.</summary>
    public void Add(string name, double value)
    {
        var entry = Get(name);
        entry.HostSum += value;
        entry.Count++;
    }

    /// <summary>Adds a scalar tensor (no gradient flows into the sum) without reading it.</summary>
    public void Add(string name, Tensor value)
    {
        var entry = Get(name);
        using var _ = no_grad();
        // float64, as the host sums of float32 reads were: the same additions in the same order, so the same means.
        entry.DeviceSum ??= zeros([], ScalarType.Float64, value.device).DetachFromDisposeScope();
        using var scalar = value.reshape([]);
        entry.DeviceSum.add_(scalar);
        entry.Count++;
    }

    /// <summary>The mean of every metric since the last call, in first-seen order; then starts afresh.</summary>
    public IReadOnlyDictionary<string, double> Take()
    {
        var onDevice = _order.Where(n => _values[n].DeviceSum is not null).ToList();
        var deviceSums = HostReads.Read(onDevice.Select(n => _values[n].DeviceSum!).ToList());
        var means = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in _order)
        {
            var entry = _values[name];
            var index = onDevice.IndexOf(name);
            var sum = index < 0 ? entry.HostSum : entry.HostSum + deviceSums[index];
            means[name] = sum / entry.Count;
        }
        Clear();
        return means;
    }

    public void Dispose() => Clear();

    private Entry Get(string name)
    {
        if (!_values.TryGetValue(name, out var entry))
        {
            entry = new Entry();
            _values[name] = entry;
            _order.Add(name);
        }
        return entry;
    }

    private void Clear()
    {
        foreach (var entry in _values.Values) entry.DeviceSum?.Dispose();
        _values.Clear();
        _order.Clear();
    }

    private sealed class Entry
    {
        public double HostSum;
        public Tensor? DeviceSum;
        public int Count;
    }
}
