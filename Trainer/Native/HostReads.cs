using static TorchSharp.torch;

namespace Snnsweep.Trainer.Native;

/// <summary>
/// The one way the trainer reads device scalars on the host. On a GPU every read waits for the device to finish
/// all the work queued before it, so the training loop keeps losses, metrics and spike counts on the device and
/// reads them here a few at a time: once per batch (the loss, for the divergence check) and a few times per epoch.
/// Every call is counted per thread, so tests can see how often a run stops the device.
/// </summary>
public static class HostReads
{
    [ThreadStatic]
    private static long _count;

    /// <summary>Reads made by this thread so far (training runs on one thread, so a test sees its run's reads alone).</summary>
    public static long OnThisThread => _count;

    /// <summary>The value of one scalar tensor.</summary>
    public static double Read(Tensor scalar) => Read([scalar])[0];

    /// <summary>The values of <paramref name="scalars"/> (one element each, all on one device), copied to the host together.</summary>
    public static double[] Read(IReadOnlyList<Tensor> scalars)
    {
        if (scalars.Count == 0) return [];
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        // float64 holds every float32 value and every count below 2^53 exactly, so one stacked read loses nothing.
        var stacked = stack(scalars.Select(s => s.reshape(1).to_type(ScalarType.Float64)).ToArray());
        var host = stacked.cpu();
        _count++;
        return host.data<double>().ToArray();
    }
}
