using System.Runtime.InteropServices;
using Snnsweep.Trainer.Models;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Autograd;

/// <summary>
/// Non-overlapping k x k average pooling of a contiguous float32 CPU tensor <c>[..., H, W]</c> as one autograd
/// node running <see cref="AveragePoolKernel"/> both ways. Saves nothing: the backward needs only the shapes.
/// </summary>
internal sealed class FusedAveragePoolFunction : autograd.SingleTensorFunction<FusedAveragePoolFunction>
{
    public override string Name => nameof(FusedAveragePoolFunction);

    public static Tensor Apply(Tensor input, int size) => apply(input, size);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        FusedKernels.CountForward();
        using var input = ((Tensor)vars[0]).contiguous();
        var size = (int)vars[1];
        var shape = input.shape;
        var (height, width) = ((int)shape[^2], (int)shape[^1]);
        var outputShape = (long[])shape.Clone();
        outputShape[^2] = height / size;
        outputShape[^1] = width / size;
        var output = empty(outputShape, ScalarType.Float32);
        var planes = (int)(input.numel() / ((long)height * width));
        AveragePoolKernel.Forward(Floats(input), Floats(output), planes, height, width, size, get_num_threads());
        ctx.save_data("size", size);
        ctx.save_data("shape", shape);
        return output;
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        var size = (int)ctx.get_data("size");
        var shape = (long[])ctx.get_data("shape");
        using var outputGradient = gradOutput.contiguous();
        var (height, width) = ((int)shape[^2], (int)shape[^1]);
        var inputGradient = empty(shape, ScalarType.Float32);
        var planes = (int)(inputGradient.numel() / ((long)height * width));
        AveragePoolKernel.Backward(Floats(outputGradient), Floats(inputGradient), planes, height, width, size, get_num_threads());
        return [inputGradient, null!];
    }

    /// <summary>The tensor's storage as floats, without copying (CPU, contiguous, float32 only).</summary>
    private static Span<float> Floats(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);
}
