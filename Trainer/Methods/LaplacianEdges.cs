namespace Snnsweep.Trainer.Methods;

/// <summary>
/// The edge map of R2ETL's Laplace encoder: OpenCV's 3x3 Laplacian aperture <c>[[2,0,2],[0,-8,0],[2,0,2]]</c> on
/// the 8-bit grey image with reflected borders, saturated to 0..255 as an 8-bit result is (so only the dark
/// side of an edge remains), scaled to [0, 1] and thresholded.
/// </summary>
public static class LaplacianEdges
{
    /// <summary>1 where the Laplacian of <paramref name="grey"/> (values in [0, 1]) exceeds <paramref name="threshold"/>, else 0.</summary>
    public static float[] Compute(ReadOnlySpan<float> grey, int height, int width, double threshold = 0.3)
    {
        var edges = new float[height * width];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var laplacian = 2 * (At(grey, y - 1, x - 1, height, width) + At(grey, y - 1, x + 1, height, width)
                    + At(grey, y + 1, x - 1, height, width) + At(grey, y + 1, x + 1, height, width)) - 8 * At(grey, y, x, height, width);
                var saturated = Math.Clamp(Math.Round(laplacian), 0, 255) / 255.0;
                edges[y * width + x] = saturated > threshold ? 1f : 0f;
            }
        }
        return edges;
    }

    /// <summary>The 8-bit value at (y, x), reflected at the border.</summary>
    private static double At(ReadOnlySpan<float> grey, int y, int x, int height, int width) =>
        Math.Round(grey[Reflect(y, height) * width + Reflect(x, width)] * 255.0);

    /// <summary>OpenCV's default border: reflect without repeating the edge pixel (gfedcb|abcdefgh|gfedcba).</summary>
    private static int Reflect(int i, int size)
    {
        if (size == 1) return 0;
        while (i < 0 || i >= size) i = i < 0 ? -i : 2 * size - 2 - i;
        return i;
    }
}
