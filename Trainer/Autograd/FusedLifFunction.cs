using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Snnsweep.Trainer.Neurons;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Autograd;

/// <summary>
/// The whole multi-step LIF layer as one autograd node: the forward runs <see cref="LifKernel"/> over all
/// steps and saves only the pre-spike membranes; the backward runs back-propagation through time by hand.
/// For contiguous float32 CPU input <c>[T, ...]</c>; <see cref="LifNeuron"/> falls back to tensor ops
/// elsewhere (GPU, other dtypes). With a membrane tap the node has a second output, the tapped membranes
/// <c>[T, ...]</c>, whose gradient (an alignment loss's) flows back through the same pass.
/// </summary>
internal sealed class FusedLifFunction : autograd.MultiTensorFunction<FusedLifFunction>
{
    public override string Name => nameof(FusedLifFunction);

    /// <summary>
    /// Spikes of <paramref name="input"/>, and the membranes <paramref name="tap"/> asks for (null for none).
    /// The spike count is added to <paramref name="spikeCount"/> when given.
    /// </summary>
    public static (Tensor Spikes, Tensor? Membrane) Apply(Tensor input, LifOptions options, MembraneTap tap, StrongBox<long>? spikeCount)
    {
        var outputs = apply(input, options, tap, spikeCount ?? new StrongBox<long>());
        return (outputs[0], tap == MembraneTap.None ? null : outputs[1]);
    }

    public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
    {
        FusedKernels.CountForward();
        using var input = ((Tensor)vars[0]).contiguous();
        var options = (LifOptions)vars[1];
        var tap = (MembraneTap)vars[2];
        var spikeCount = (StrongBox<long>)vars[3];
        var steps = (int)input.shape[0];
        var spikes = empty_like(input);
        var charged = empty_like(input);
        var reset = tap == MembraneTap.PostReset ? empty_like(input) : null;
        spikeCount.Value += LifKernel.Forward(Floats(input), Floats(spikes), Floats(charged), reset is null ? [] : Floats(reset), steps, options, get_num_threads());
        ctx.save_for_backward([charged]);
        ctx.save_data("options", options);
        ctx.save_data("tap", tap);
        return tap switch
        {
            MembraneTap.None => [spikes],
            // The pre-spike tap is the saved membrane itself; an alias gives it a handle of its own.
            MembraneTap.PreSpike => [spikes, charged.alias()],
            _ => [spikes, reset!],
        };
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> gradOutputs)
    {
        var charged = ctx.get_saved_variables()[0];
        var options = (LifOptions)ctx.get_data("options");
        var tap = (MembraneTap)ctx.get_data("tap");
        using var spikeGradient = gradOutputs[0].contiguous();
        using var tapGradient = tap == MembraneTap.None ? null : gradOutputs[1].contiguous();
        var inputGradient = empty_like(charged);
        LifKernel.Backward(Floats(spikeGradient), tapGradient is null ? [] : Floats(tapGradient), tap, Floats(charged), Floats(inputGradient),
            (int)charged.shape[0], options, get_num_threads());
        return [inputGradient, null!, null!, null!];
    }

    /// <summary>The tensor's storage as floats, without copying (CPU, contiguous, float32 only).</summary>
    private static Span<float> Floats(Tensor tensor) => MemoryMarshal.Cast<byte, float>(tensor.bytes);
}
