using Snnsweep.Trainer.Native;

namespace Snnsweep.Trainer.Neurons;

/// <summary>
/// The firing rates of a model's spiking layers, taken together: the counts the tensor-op path keeps on a device
/// are stacked and read in one host read (one per device), however many layers there are, instead of one per layer.
/// </summary>
public static class FiringRates
{
    /// <summary>
    /// <see cref="LifNeuron.TakeFiringRate()"/> of every neuron, in order (a neuron listed twice reads NaN the
    /// second time, as taking it twice in a row would), with at most one host read per device.
    /// </summary>
    public static double[] Take(IReadOnlyList<LifNeuron> neurons)
    {
        var counted = new Dictionary<LifNeuron, double>(ReferenceEqualityComparer.Instance);
        var pending = neurons.Distinct(ReferenceEqualityComparer.Instance).Cast<LifNeuron>().Where(n => n.DeviceSpikes is not null).ToList();
        foreach (var onDevice in pending.GroupBy(n => (n.DeviceSpikes!.device_type, n.DeviceSpikes.device_index)))
        {
            var group = onDevice.ToList();
            var values = HostReads.Read(group.Select(n => n.DeviceSpikes!).ToList());
            for (var i = 0; i < group.Count; i++) counted[group[i]] = values[i];
        }
        var rates = new double[neurons.Count];
        for (var i = 0; i < neurons.Count; i++)
        {
            counted.Remove(neurons[i], out var deviceSpikes);
            rates[i] = neurons[i].TakeFiringRate(deviceSpikes);
        }
        return rates;
    }
}
