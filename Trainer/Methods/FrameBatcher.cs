using System.Runtime.InteropServices;
using Snnsweep.Trainer.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods;

/// <summary>
/// Turns samples of a <see cref="FrameDataset"/> into time-major tensors on a device. On the CPU the frames are
/// written straight into the new tensor's storage: no managed staging array (a large-object-heap allocation
/// per batch) and no copies, so loading a batch costs one widening pass over its bytes.
/// </summary>
public sealed class FrameBatcher(FrameDataset split, int maxBatch, Device device)
{
    private readonly float[]? _staging = device.type == DeviceType.CPU ? null : new float[maxBatch * split.SampleSize];
    private readonly long[] _labels = new long[maxBatch];

    public FrameDataset Split { get; } = split;

    /// <summary>Frames <c>[T, B, C, H, W]</c> and labels <c>[B]</c> of <paramref name="indices"/> (at most the batch size given).</summary>
    public (Tensor Input, Tensor Labels) Load(ReadOnlySpan<int> indices)
    {
        var batch = indices.Length;
        if (batch > maxBatch) throw new ArgumentException($"{batch} samples exceed the batch size {maxBatch}", nameof(indices));
        long[] shape = [Split.Timesteps, batch, Split.Channels, Split.Height, Split.Width];
        if (_staging is null)
        {
            var x = empty(shape, ScalarType.Float32);
            Split.FillBatch(indices, MemoryMarshal.Cast<byte, float>(x.bytes), _labels);
            return (x, tensor(_labels.AsSpan(0, batch).ToArray(), [batch]));
        }
        Split.FillBatch(indices, _staging, _labels);
        using var staged = tensor(_staging.AsSpan(0, batch * Split.SampleSize).ToArray(), shape);
        using var labels = tensor(_labels.AsSpan(0, batch).ToArray(), [batch]);
        return (staged.to(device), labels.to(device));
    }
}
