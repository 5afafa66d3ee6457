namespace Snnsweep.Trainer.Data.Frames;

/// <summary>
/// Bilinear resize of stacked planes with PyTorch's <c>upsample_bilinear2d</c> index arithmetic (float32), for
/// <c>align_corners=True</c> (source = i * (in - 1) / (out - 1)) and <c>False</c> (source = (i + 0.5) * in / out - 0.5,
/// clamped at 0). Counts are not renormalised, as in BrainCog.
/// </summary>
public static class BilinearResizer
{
    public static float[] Resize(ReadOnlySpan<float> source, int planes, int inHeight, int inWidth, int outHeight, int outWidth, bool alignCorners)
    {
        var output = new float[planes * outHeight * outWidth];
        var rows = Axis(inHeight, outHeight, alignCorners);
        var cols = Axis(inWidth, outWidth, alignCorners);
        for (var plane = 0; plane < planes; plane++)
        {
            var src = source.Slice(plane * inHeight * inWidth, inHeight * inWidth);
            var dst = output.AsSpan(plane * outHeight * outWidth, outHeight * outWidth);
            for (var oy = 0; oy < outHeight; oy++)
            {
                var (y0, y1, ly) = rows[oy];
                var row0 = src.Slice(y0 * inWidth, inWidth);
                var row1 = src.Slice(y1 * inWidth, inWidth);
                var h0 = 1f - ly;
                for (var ox = 0; ox < outWidth; ox++)
                {
                    var (x0, x1, lx) = cols[ox];
                    var w0 = 1f - lx;
                    dst[oy * outWidth + ox] = h0 * (w0 * row0[x0] + lx * row0[x1]) + ly * (w0 * row1[x0] + lx * row1[x1]);
                }
            }
        }
        return output;
    }

    private static (int Low, int High, float Lambda)[] Axis(int inSize, int outSize, bool alignCorners)
    {
        var result = new (int, int, float)[outSize];
        float scale = alignCorners
            ? (outSize > 1 ? (float)(inSize - 1) / (outSize - 1) : 0f)
            : (float)inSize / outSize;
        for (var o = 0; o < outSize; o++)
        {
            var real = alignCorners ? scale * o : Math.Max(scale * (o + 0.5f) - 0.5f, 0f);
            var low = Math.Min((int)real, inSize - 1);
            var high = low < inSize - 1 ? low + 1 : low;
            result[o] = (low, high, Math.Min(real - low, 1f));
        }
        return result;
    }
}
