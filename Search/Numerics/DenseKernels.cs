using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Snnsweep.Search.Numerics;

/// <summary>
/// The few vector loops the GP spends its time in. They use fixed-width Vector256 lanes and never fused
/// multiply-add, so every machine (with or without AVX) sums in the same order and a sampler restored on
/// another silo makes bit-identical proposals.
/// </summary>
internal static class DenseKernels
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var length = a.Length;
        var i = 0;
        var sum = Vector256<double>.Zero;
        ref var ra = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(a);
        ref var rb = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(b);
        for (; i <= length - 4; i += 4)
        {
            var va = Vector256.LoadUnsafe(ref ra, (nuint)i);
            var vb = Vector256.LoadUnsafe(ref rb, (nuint)i);
            sum += va * vb;
        }
        var total = (sum.GetElement(0) + sum.GetElement(1)) + (sum.GetElement(2) + sum.GetElement(3));
        for (; i < length; i++)
        {
            total += a[i] * b[i];
        }
        return total;
    }

    /// <summary>y += alpha * x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        var length = x.Length;
        var i = 0;
        var va = Vector256.Create(alpha);
        ref var rx = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        ref var ry = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
        for (; i <= length - 4; i += 4)
        {
            var vy = Vector256.LoadUnsafe(ref ry, (nuint)i) + va * Vector256.LoadUnsafe(ref rx, (nuint)i);
            vy.StoreUnsafe(ref ry, (nuint)i);
        }
        for (; i < length; i++)
        {
            y[i] += alpha * x[i];
        }
    }
}
