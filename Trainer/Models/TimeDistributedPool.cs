using Snnsweep.Trainer.Autograd;
using TorchSharp;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Models;

/// <summary>Average or max pooling applied to every step of a <c>[T, B, C, H, W]</c> spike tensor.</summary>
public sealed class TimeDistributedPool : nn.Module<Tensor, Tensor>
{
    private readonly VggLayerKind _kind;
    private readonly int _size;

    public TimeDistributedPool(VggLayerKind kind, int size) : base(nameof(TimeDistributedPool))
    {
        if (kind == VggLayerKind.Conv) throw new ArgumentException("a pooling layer needs a pooling kind", nameof(kind));
        _kind = kind;
        _size = size;
        RegisterComponents();
    }

    /// <summary>
    /// Whether average pooling of float32 CPU tensors runs <see cref="FusedAveragePoolFunction"/>; false forces
    /// libtorch's avg_pool2d (for tests that compare the two).
    /// </summary>
    public bool UseFusedKernel { get; set; } = true;

    public override Tensor forward(Tensor input)
    {
        // The pooling is per plane, so [T, B, C, H, W] needs no merging of time for the fused kernel.
        if (UseFusedKernel && _kind == VggLayerKind.AveragePool && input.device_type == DeviceType.CPU && input.dtype == ScalarType.Float32)
            return FusedAveragePoolFunction.Apply(input, _size);
        var steps = input.shape[0];
        using var merged = input.flatten(0, 1);
        using var pooled = _kind == VggLayerKind.AveragePool
            ? nn.functional.avg_pool2d(merged, _size)
            : nn.functional.max_pool2d(merged, _size);
        var shape = pooled.shape;
        return pooled.reshape([steps, shape[0] / steps, shape[1], shape[2], shape[3]]);
    }
}
