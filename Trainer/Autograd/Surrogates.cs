using Snnsweep.Trainer.Neurons;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Autograd;

/// <summary>The surrogate derivatives of <see cref="SurrogateKind"/> as tensor expressions.</summary>
public static class Surrogates
{
    /// <summary>d spike / d x evaluated at <paramref name="x"/> (membrane minus threshold).</summary>
    public static Tensor Derivative(Tensor x, SurrogateKind kind, double alpha)
    {
        switch (kind)
        {
            case SurrogateKind.Sigmoid:
            {
                using var sig = (x * alpha).sigmoid_();
                using var oneMinus = 1.0 - sig;
                // In-place ops return the tensor they were called on: only chain them on a fresh result.
                return sig.mul(oneMinus).mul_(alpha);
            }
            case SurrogateKind.Atan:
            {
                using var scaled = x * (Math.PI / 2 * alpha);
                return scaled.square().add_(1.0).reciprocal_().mul_(alpha / 2);
            }
            case SurrogateKind.Triangle:
            {
                return x.abs().mul_(-alpha).add_(1.0).clamp_min_(0.0).mul_(alpha);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown surrogate");
        }
    }

    /// <summary>The sharpness each surrogate uses when none is given (SpikingJelly's defaults; 1 for the triangle).</summary>
    public static double DefaultAlpha(SurrogateKind kind) => kind switch
    {
        SurrogateKind.Sigmoid => 4.0,
        SurrogateKind.Atan => 2.0,
        SurrogateKind.Triangle => 1.0,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown surrogate"),
    };
}
