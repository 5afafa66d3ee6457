namespace Snnsweep.Trainer.Models;

/// <summary>
/// Non-overlapping k x k average pooling (stride k, no padding, floor mode) of contiguous float32 planes
/// <c>[N, H, W]</c> and its backward pass. libtorch's CPU kernel for channels-first tensors computes every
/// output with generic index arithmetic and cost as much as a LIF layer in the trainer's profile; here each
/// output row reads k input rows once. Sums run in libtorch's order (row by row, left to right, from zero) and
/// divide by k*k as it does, so outputs and gradients are bit-identical (tests compare them).
/// </summary>
internal static class AveragePoolKernel
{
    private const int PlanesPerChunk = 64;

    public static void Forward(ReadOnlySpan<float> input, Span<float> output, int planes, int height, int width, int size, int threads)
    {
        unsafe
        {
            fixed (float* x = input, y = output)
            {
                var (px, py) = ((nint)x, (nint)y);
                Run(planes, threads, (from, to) => ForwardRange((float*)px, (float*)py, from, to, height, width, size));
            }
        }
    }

    public static void Backward(ReadOnlySpan<float> outputGradient, Span<float> inputGradient, int planes, int height, int width, int size, int threads)
    {
        unsafe
        {
            fixed (float* gy = outputGradient, gx = inputGradient)
            {
                var (pgy, pgx) = ((nint)gy, (nint)gx);
                Run(planes, threads, (from, to) => BackwardRange((float*)pgy, (float*)pgx, from, to, height, width, size));
            }
        }
    }

    private static void Run(int planes, int threads, Action<int, int> range)
    {
        var chunks = (planes + PlanesPerChunk - 1) / PlanesPerChunk;
        if (chunks <= 1 || threads <= 1)
        {
            range(0, planes);
            return;
        }
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, c => range(c * PlanesPerChunk, Math.Min(planes, (c + 1) * PlanesPerChunk)));
    }

    private static unsafe void ForwardRange(float* x, float* y, int from, int to, int height, int width, int size)
    {
        int outHeight = height / size, outWidth = width / size;
        float divisor = size * size;
        for (long plane = from; plane < to; plane++)
        {
            var source = x + plane * height * width;
            var target = y + plane * outHeight * outWidth;
            for (var i = 0; i < outHeight; i++)
            {
                if (size == 2)
                {
                    var top = source + 2 * i * width;
                    var bottom = top + width;
                    for (var j = 0; j < outWidth; j++)
                    {
                        var sum = 0f;
                        sum += top[2 * j];
                        sum += top[2 * j + 1];
                        sum += bottom[2 * j];
                        sum += bottom[2 * j + 1];
                        target[i * outWidth + j] = 0f + sum / divisor;
                    }
                    continue;
                }
                for (var j = 0; j < outWidth; j++)
                {
                    var sum = 0f;
                    for (var a = 0; a < size; a++)
                    {
                        var row = source + (i * size + a) * width + j * size;
                        for (var b = 0; b < size; b++) sum += row[b];
                    }
                    target[i * outWidth + j] = 0f + sum / divisor;
                }
            }
        }
    }

    private static unsafe void BackwardRange(float* gy, float* gx, int from, int to, int height, int width, int size)
    {
        int outHeight = height / size, outWidth = width / size;
        float divisor = size * size;
        for (long plane = from; plane < to; plane++)
        {
            var source = gy + plane * outHeight * outWidth;
            var target = gx + plane * height * width;
            for (var i = 0; i < outHeight; i++)
            {
                // The k input rows of an output row get the same gradients: spread one row, copy it k - 1 times.
                var first = new Span<float>(target + i * size * width, width);
                var gradients = source + i * outWidth;
                var c = 0;
                for (var j = 0; j < outWidth; j++)
                {
                    var g = 0f + gradients[j] / divisor;
                    for (var b = 0; b < size; b++) first[c++] = g;
                }
                first[c..].Clear(); // columns the floor mode drops get no gradient
                for (var a = 1; a < size; a++) first.CopyTo(new Span<float>(target + (i * size + a) * width, width));
            }
            // So do the rows it drops.
            new Span<float>(target + outHeight * size * width, (height - outHeight * size) * width).Clear();
        }
    }
}
