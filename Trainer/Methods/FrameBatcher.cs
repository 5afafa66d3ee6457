using Snnsweep.Trainer.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods;

/// <summary>Turns samples of a <see cref="FrameDataset"/> into time-major tensors on a device, reusing one staging buffer.</summary>
public sealed class FrameBatcher(FrameDataset split, int maxBatch, Device device)
{
    private readonly float[] _input = new float[maxBatch * split.SampleSize];
    private readonly long[] _labels = new long[maxBatch];

    public FrameDataset Split { get; } = split;

    /// <summary>Frames <c>[T, B, C, H, W]</c> and labels <c>[B]</c> of <paramref name="indices"/> (at most the batch size given).</summary>
    public (Tensor Input, Tensor Labels) Load(ReadOnlySpan<int> indices)
    {
        var batch = indices.Length;
        Split.FillBatch(indices, _input, _labels);
        var x = tensor(_input.AsSpan(0, batch * Split.SampleSize).ToArray(), [Split.Timesteps, batch, Split.Channels, Split.Height, Split.Width]);
        var y = tensor(_labels.AsSpan(0, batch).ToArray(), [batch]);
        return device.type == DeviceType.CPU ? (x, y) : (x.to(device), y.to(device));
    }
}
