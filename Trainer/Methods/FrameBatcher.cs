using System.Runtime.InteropServices;
using Snnsweep.Trainer.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods;

/// <summary>
/// Turns samples of a <see cref="FrameDataset"/> into time-major tensors on a device. The frames are written
/// straight into a new tensor's storage: no managed staging array (a large-object-heap allocation per batch) and
/// no extra copies, so on the CPU loading a batch costs one widening pass over its bytes. For CUDA that tensor is
/// then page-locked and copied with <c>non_blocking</c>, so the copy does not hold up the thread that queued it.
/// With prefetching (CUDA by default) <see cref="Prefetch"/> assembles the next batch, device copy included, on a
/// background task while the current one trains; a batch is the same whichever way it was loaded.
/// </summary>
public sealed class FrameBatcher : IDisposable
{
    // Tests turn prefetching on for the CPU, where it is off, to check on every method that the loop prefetches
    // the very batches it then loads; per thread, so other tests running alongside are unaffected.
    [ThreadStatic]
    private static bool _prefetchOnCpu;

    [ThreadStatic]
    private static long _prefetchedLoads;

    private readonly int _maxBatch;
    private readonly Device _device;
    private (int[] Indices, Task<(Tensor Input, Tensor Labels)> Loading)? _next;

    /// <param name="split">The samples.</param>
    /// <param name="maxBatch">The most samples a batch may hold.</param>
    /// <param name="device">Where the batches go.</param>
    /// <param name="prefetch">
    /// Whether <see cref="Prefetch"/> works ahead on another thread; null: on CUDA only. On the CPU the batch is
    /// cheap to build and the cores are the trainers' (a sweep runs one trial per core), so there it is off.
    /// </param>
    public FrameBatcher(FrameDataset split, int maxBatch, Device device, bool? prefetch = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        Split = split;
        _maxBatch = maxBatch;
        _device = device;
        Prefetches = prefetch ?? (device.type == DeviceType.CUDA || _prefetchOnCpu);
    }

    /// <summary>Whether batchers built on this thread from now on prefetch on the CPU too (tests).</summary>
    internal static bool PrefetchOnCpu
    {
        get => _prefetchOnCpu;
        set => _prefetchOnCpu = value;
    }

    /// <summary>Loads on this thread that took a prefetched batch (tests).</summary>
    internal static long PrefetchedLoadsOnThisThread => _prefetchedLoads;

    public FrameDataset Split { get; }

    /// <summary>Whether <see cref="Prefetch"/> starts work ahead (otherwise it does nothing).</summary>
    public bool Prefetches { get; }

    /// <summary>
    /// Frames <c>[T, B, C, H, W]</c> and labels <c>[B]</c> of <paramref name="indices"/> (at most the batch size given),
    /// in the caller's dispose scope; the prefetched batch when <see cref="Prefetch"/> was given the same indices.
    /// </summary>
    public (Tensor Input, Tensor Labels) Load(ReadOnlySpan<int> indices)
    {
        if (indices.Length > _maxBatch) throw new ArgumentException($"{indices.Length} samples exceed the batch size {_maxBatch}", nameof(indices));
        if (_next is { } next)
        {
            _next = null;
            if (indices.SequenceEqual(next.Indices))
            {
                // GetResult rethrows what went wrong on the background task here, on the training thread.
                var (input, labels) = next.Loading.GetAwaiter().GetResult();
                CurrentDisposeScope?.Attach(input, labels);
                _prefetchedLoads++;
                return (input, labels);
            }
            Discard(next.Loading);
        }
        return Assemble(indices);
    }

    /// <summary>
    /// Starts assembling the batch of <paramref name="indices"/> on a background task (when <see cref="Prefetches"/>),
    /// for the next <see cref="Load"/>. A prefetch that the next load does not ask for is thrown away.
    /// </summary>
    public void Prefetch(int[] indices)
    {
        if (!Prefetches) return;
        if (indices.Length > _maxBatch) throw new ArgumentException($"{indices.Length} samples exceed the batch size {_maxBatch}", nameof(indices));
        if (_next is { } stale) Discard(stale.Loading);
        var copy = (int[])indices.Clone();
        _next = (copy, Task.Run(() =>
        {
            // A scope of the task's own, left with the results detached: nothing of the batch can end up in a scope
            // someone else left open on a pool thread. The loading thread attaches them to its scope.
            using var scope = NewDisposeScope();
            var (input, labels) = Assemble(copy);
            return (input.DetachFromDisposeScope(), labels.DetachFromDisposeScope());
        }));
    }

    /// <summary>Waits for a prefetch still running and frees its batch.</summary>
    public void Dispose()
    {
        if (_next is { } next) Discard(next.Loading);
        _next = null;
    }

    private (Tensor Input, Tensor Labels) Assemble(ReadOnlySpan<int> indices)
    {
        var batch = indices.Length;
        long[] shape = [Split.Timesteps, batch, Split.Channels, Split.Height, Split.Width];
        var labels = new long[batch];
        var x = empty(shape, ScalarType.Float32);
        Split.FillBatch(indices, MemoryMarshal.Cast<byte, float>(x.bytes), labels);
        var y = tensor(labels, [batch]);
        if (_device.type == DeviceType.CPU) return (x, y);
        if (_device.type != DeviceType.CUDA)
        {
            using (x)
            using (y)
                return (x.to(_device), y.to(_device));
        }
        // Page-locked memory lets the DMA engine copy without a staging copy and without blocking this thread.
        // Freeing the pinned tensors right after queuing the copy is safe: libtorch's caching host allocator records
        // the copy on its stream and hands the block out again only when the copy is done.
        using var pinnedX = x.pin_memory();
        using var pinnedY = y.pin_memory();
        x.Dispose();
        y.Dispose();
        return (pinnedX.to(_device, non_blocking: true), pinnedY.to(_device, non_blocking: true));
    }

    private static void Discard(Task<(Tensor Input, Tensor Labels)> loading)
    {
        try
        {
            var (input, labels) = loading.GetAwaiter().GetResult();
            input.Dispose();
            labels.Dispose();
        }
        catch (Exception)
        {
            // A batch nobody asks for any more: whatever went wrong building it does not matter.
        }
    }
}
