using Snnsweep.Trainer.Neurons;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Autograd;

/// <summary>
/// The spike nonlinearity: exactly Heaviside forward (<c>x &gt;= 0</c> fires, as SpikingJelly), a smooth
/// surrogate derivative backward. Apply with <c>SpikeFunction.apply(x, (int)kind, alpha)</c>.
/// </summary>
public sealed class SpikeFunction : autograd.SingleTensorFunction<SpikeFunction>
{
    public override string Name => nameof(SpikeFunction);

    /// <summary>Fires where <paramref name="x"/> (membrane minus threshold) is non-negative.</summary>
    public static Tensor Apply(Tensor x, SurrogateKind kind, double alpha) => apply(x, (int)kind, alpha);

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var x = (Tensor)vars[0];
        ctx.save_for_backward([x]);
        ctx.save_data("kind", vars[1]);
        ctx.save_data("alpha", vars[2]);
        using var fired = x.ge(0.0);
        return fired.to_type(x.dtype);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor gradOutput)
    {
        var x = ctx.get_saved_variables()[0];
        var kind = (SurrogateKind)(int)ctx.get_data("kind");
        var alpha = (double)ctx.get_data("alpha");
        using var derivative = Surrogates.Derivative(x, kind, alpha);
        // One gradient per forward argument; the surrogate kind and sharpness get none.
        return [gradOutput * derivative, null!, null!];
    }
}
