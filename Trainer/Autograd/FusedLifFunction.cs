using System.Runtime.InteropServices;
using Snnsweep.Trainer.Neurons;
using TorchSharp;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Autograd;

/// <summary>
/// The whole multi-step LIF layer as one autograd node: the forward runs <see cref="LifKernel"/> over all
/// steps and saves only the pre-spike membranes; the backward runs back-propagation through time by hand.
/// For contiguous float32 CPU input <c>[T, ...]</c>; <see cref="LifNeuron"/> falls back to tensor ops
/// elsewhere (GPU, other dtypes, membrane taps that need gradients).
/// </summary>
internal sealed class FusedLifFunction : autograd.SingleTensorFunction<FusedLifFunction>
{
    public override string Name => nameof(FusedLifFunction);

    public static Tensor Apply(Tensor input, LifOptions options) => apply(input, options);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        using var input = ((Tensor)vars[0]).contiguous();
        var options = (LifOptions)vars[1];
        var steps = (int)input.shape[0];
        var spikes = empty_like(input);
        var charged = empty_like(input);
        LifKernel.Forward(Floats(input), Floats(spikes), Floats(charged), steps, options, get_num_threads());
        ctx.save_for_backward([charged]);
        ctx.save_data("options", options);
        return spikes;
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        var charged = ctx.get_saved_variables()[0];
        var options = (LifOptions)ctx.get_data("options");
        using var spikeGradient = gradOutput.contiguous();
        var inputGradient = empty_like(charged);
        LifKernel.Backward(Floats(spikeGradient), Floats(charged), Floats(inputGradient), (int)charged.shape[0], options, get_num_threads());
        return [inputGradient, null!];
    }

    /// <summary>The tensor's storage as floats, without copying (CPU, contiguous, float32 only).</summary>
    private static Span<float> Floats(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);
}
