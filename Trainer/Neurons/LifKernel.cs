using System.Numerics;
using System.Runtime.CompilerServices;

namespace Snnsweep.Trainer.Neurons;

/// <summary>
/// The multi-step LIF recurrence and its backward pass as one pass over memory per direction, for
/// contiguous float32 CPU tensors laid out <c>[T, N]</c>. Each neuron's membrane stays in a register across
/// all steps, so a layer costs one read of the input and one write of spikes and membranes (and of the tapped
/// post-reset membranes when an alignment loss reads them), where the
/// tensor-op formulation costs about seven libtorch kernels and autograd nodes per step (issue: trainer speed).
/// The forward arithmetic mirrors <see cref="LifNeuron"/>'s reference path operation for operation (no fused
/// multiply-add), so spikes and membranes are bit-identical; gradients agree to float rounding (autograd sums
/// the same terms in another order). Tests compare both paths.
/// </summary>
internal static class LifKernel
{
    private const int ChunkSize = 16 * 1024;

    /// <summary>
    /// Forward: fills <paramref name="spikes"/> and the pre-spike membranes <paramref name="charged"/>, and the
    /// post-reset membranes <paramref name="reset"/> unless it is empty (a membrane tap). Returns the number of
    /// spikes, counted on the way so firing rates need no second pass over the output.
    /// </summary>
    public static long Forward(ReadOnlySpan<float> input, Span<float> spikes, Span<float> charged, Span<float> reset, int steps, LifOptions options, int threads)
    {
        var n = input.Length / steps;
        var parameters = Parameters.From(options);
        long count = 0;
        unsafe
        {
            fixed (float* x = input, s = spikes, h = charged, v = reset)
            {
                var (px, ps, ph, pv) = ((nint)x, (nint)s, (nint)h, reset.IsEmpty ? 0 : (nint)v);
                Run(n, threads, (from, to) =>
                {
                    var chunk = ForwardRange((float*)px, (float*)ps, (float*)ph, (float*)pv, n, steps, from, to, parameters);
                    Interlocked.Add(ref count, chunk);
                });
            }
        }
        return count;
    }

    /// <summary>
    /// Backward through time: from the spike gradients and saved membranes, the input gradients.
    /// <paramref name="tapGradient"/>, unless empty, is the gradient arriving at the tapped membrane
    /// (<paramref name="tap"/>: pre-spike or post-reset) of every step.
    /// </summary>
    public static void Backward(ReadOnlySpan<float> spikeGradient, ReadOnlySpan<float> tapGradient, MembraneTap tap, ReadOnlySpan<float> charged, Span<float> inputGradient,
        int steps, LifOptions options, int threads)
    {
        var n = charged.Length / steps;
        var parameters = Parameters.From(options);
        var tapKind = tapGradient.IsEmpty ? MembraneTap.None : tap;
        unsafe
        {
            fixed (float* gs = spikeGradient, gm = tapGradient, h = charged, gx = inputGradient)
            {
                var (pgs, pgm, ph, pgx) = ((nint)gs, (nint)gm, (nint)h, (nint)gx);
                Run(n, threads, (from, to) => BackwardRange((float*)pgs, (float*)pgm, tapKind, (float*)ph, (float*)pgx, n, steps, from, to, parameters));
            }
        }
    }

    private static void Run(int n, int threads, Action<int, int> range)
    {
        var chunks = (n + ChunkSize - 1) / ChunkSize;
        if (chunks <= 1 || threads <= 1)
        {
            range(0, n);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, c => range(c * ChunkSize, Math.Min(n, (c + 1) * ChunkSize)));
    }

    private readonly record struct Parameters(float Leak, float Retain, float Threshold, bool Hard, bool DecayInput, bool DetachReset, SurrogateKind Surrogate, float Alpha)
    {
        public static Parameters From(LifOptions o)
        {
            // The reference path computes these as doubles and libtorch rounds the scalars to float.
            var leak = 1.0 / o.Tau;
            return new Parameters((float)leak, (float)(1.0 - leak), (float)o.Threshold, o.Reset == ResetMode.Hard, o.DecayInput, o.DetachReset, o.Surrogate, (float)o.Alpha);
        }
    }

    // Neurons are processed in tiles whose membrane state (4 KiB) stays in L1 while the time loop runs over
    // them: every step then reads and writes contiguous rows, a few memory streams at a time, where looping time
    // inside each vector of neurons strides T rows apart and keeps 3 T streams open at once.
    private const int TileSize = 1024;

    private static unsafe long ForwardRange(float* x, float* s, float* h, float* m, int n, int steps, int from, int to, Parameters p)
    {
        var width = Vector<float>.Count;
        var threshold = new Vector<float>(p.Threshold);
        var state = stackalloc float[TileSize];
        long count = 0;
        for (var tile = from; tile < to; tile += TileSize)
        {
            var length = Math.Min(TileSize, to - tile);
            var vectorLength = length - length % width;
            var fires = Vector<float>.Zero; // per lane at most TileSize / width * steps: exact in float
            for (var t = 0; t < steps; t++)
            {
                var row = (long)t * n + tile;
                var i = 0;
                for (; i < vectorLength; i += width)
                {
                    var xt = Vector.Load(x + row + i);
                    Vector<float> ht;
                    if (t == 0) ht = p.DecayInput ? xt * p.Leak : xt;
                    else
                    {
                        var v = Vector.Load(state + i);
                        ht = p.DecayInput ? v + (xt - v) * p.Leak : v * p.Retain + xt;
                    }
                    var fired = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(ht - threshold, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);
                    var reset = p.Hard ? ht * (Vector<float>.One - fired) : ht - fired * p.Threshold;
                    ht.Store(h + row + i);
                    fired.Store(s + row + i);
                    if (m != null) reset.Store(m + row + i);
                    reset.Store(state + i);
                    fires += fired;
                }
                for (; i < length; i++)
                {
                    var xt = x[row + i];
                    float ht;
                    if (t == 0) ht = p.DecayInput ? xt * p.Leak : xt;
                    else
                    {
                        var v = state[i];
                        ht = p.DecayInput ? v + (xt - v) * p.Leak : v * p.Retain + xt;
                    }
                    var fired = ht - p.Threshold >= 0f ? 1f : 0f;
                    var reset = p.Hard ? ht * (1f - fired) : ht - fired * p.Threshold;
                    h[row + i] = ht;
                    s[row + i] = fired;
                    if (m != null) m[row + i] = reset;
                    state[i] = reset;
                    count += (long)fired;
                }
            }
            count += (long)Vector.Sum(fires);
        }
        return count;
    }

    private static unsafe void BackwardRange(float* gs, float* gm, MembraneTap tap, float* h, float* gx, int n, int steps, int from, int to, Parameters p)
    {
        var width = Vector<float>.Count;
        var threshold = new Vector<float>(p.Threshold);
        var state = stackalloc float[TileSize]; // dL/dv_t arriving from step t + 1
        for (var tile = from; tile < to; tile += TileSize)
        {
            var length = Math.Min(TileSize, to - tile);
            var vectorLength = length - length % width;
            new Span<float>(state, length).Clear();
            for (var t = steps - 1; t >= 0; t--)
            {
                var row = (long)t * n + tile;
                var i = 0;
                for (; i < vectorLength; i += width)
                {
                    var gv = Vector.Load(state + i);
                    if (tap == MembraneTap.PostReset) gv += Vector.Load(gm + row + i); // the tap reads v_t
                    var ht = Vector.Load(h + row + i);
                    var centred = ht - threshold;
                    var fired = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(centred, Vector<float>.Zero), Vector<float>.One, Vector<float>.Zero);
                    var sg = Surrogate(centred, p.Surrogate, p.Alpha);
                    Vector<float> dvdh;
                    if (p.Hard) dvdh = p.DetachReset ? Vector<float>.One - fired : (Vector<float>.One - fired) - ht * sg;
                    else dvdh = p.DetachReset ? Vector<float>.One : Vector<float>.One - sg * p.Threshold;
                    var gh = Vector.Load(gs + row + i) * sg + gv * dvdh;
                    if (tap == MembraneTap.PreSpike) gh += Vector.Load(gm + row + i); // the tap reads h_t
                    (p.DecayInput ? gh * p.Leak : gh).Store(gx + row + i);
                    (gh * p.Retain).Store(state + i);
                }
                for (; i < length; i++)
                {
                    var gv = state[i];
                    if (tap == MembraneTap.PostReset) gv += gm[row + i];
                    var ht = h[row + i];
                    var centred = ht - p.Threshold;
                    var fired = centred >= 0f ? 1f : 0f;
                    var sg = Surrogate(centred, p.Surrogate, p.Alpha);
                    float dvdh;
                    if (p.Hard) dvdh = p.DetachReset ? 1f - fired : (1f - fired) - ht * sg;
                    else dvdh = p.DetachReset ? 1f : 1f - sg * p.Threshold;
                    var gh = gs[row + i] * sg + gv * dvdh;
                    if (tap == MembraneTap.PreSpike) gh += gm[row + i];
                    gx[row + i] = p.DecayInput ? gh * p.Leak : gh;
                    state[i] = gh * p.Retain;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Surrogate(Vector<float> x, SurrogateKind kind, float alpha)
    {
        switch (kind)
        {
            case SurrogateKind.Triangle:
                return Vector.Max(Vector<float>.Zero, Vector<float>.One - Vector.Abs(x) * alpha) * alpha;
            case SurrogateKind.Atan:
                var scaled = x * (float)(Math.PI / 2 * alpha);
                return Vector<float>.One / (scaled * scaled + Vector<float>.One) * (alpha / 2);
            default:
                var sigma = Vector<float>.One / (Vector<float>.One + Vector.Exp(-(x * alpha)));
                return sigma * (Vector<float>.One - sigma) * alpha;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Surrogate(float x, SurrogateKind kind, float alpha)
    {
        switch (kind)
        {
            case SurrogateKind.Triangle:
                return MathF.Max(0f, 1f - MathF.Abs(x) * alpha) * alpha;
            case SurrogateKind.Atan:
                var scaled = x * (float)(Math.PI / 2 * alpha);
                return 1f / (scaled * scaled + 1f) * (alpha / 2);
            default:
                var sigma = 1f / (1f + MathF.Exp(-(x * alpha)));
                return sigma * (1f - sigma) * alpha;
        }
    }
}
