using Snnsweep.Trainer.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods;

/// <summary>
/// The static (source-domain) images a transfer method pairs with events, encoded once at the event frames'
/// size: scaled to [0, 1], reduced to the HSV value channel or kept whole, and centre-padded or bilinearly
/// resized (aligned corners) to H x W. The demo's 28 x 28 images padded by 3 sit in a 34 x 34 frame where
/// the emulated saccades keep the recorded image on average. Pixels of <see cref="StaticImageSet"/> are read
/// as planar <c>[N, C, H, W]</c> bytes.
/// </summary>
public sealed class StaticImageEncoder
{
    private readonly float[] _pixels;
    private float[]? _edges;

    /// <param name="images">The static set.</param>
    /// <param name="height">Target height (the event frames').</param>
    /// <param name="width">Target width.</param>
    /// <param name="fit">Padding or resizing.</param>
    /// <param name="encoding">Value channel or all channels.</param>
    /// <param name="count">Use the first <paramref name="count"/> images; 0 takes all.</param>
    public StaticImageEncoder(StaticImageSet images, int height, int width, StaticFit fit, StaticEncoding encoding, int count = 0)
    {
        var n = count <= 0 ? images.Count : Math.Min(count, images.Count);
        if (n == 0) throw new ArgumentException("the static image set is empty", nameof(images));
        if (images.Pixels.Length < (long)images.Count * images.Channels * images.Height * images.Width)
            throw new ArgumentException("the static image set holds fewer pixels than its size says", nameof(images));
        Count = n;
        Channels = encoding == StaticEncoding.Value ? 1 : images.Channels;
        Height = height;
        Width = width;
        Labels = images.Labels[..n];
        _pixels = new float[(long)n * Channels * height * width];

        var planeIn = images.Height * images.Width;
        var imageIn = images.Channels * planeIn;
        var plane = new float[planeIn];
        var pad = fit == StaticFit.Pad && images.Height <= height && images.Width <= width;
        for (var i = 0; i < n; i++)
        {
            var source = images.Pixels.AsSpan(i * imageIn, imageIn);
            for (var c = 0; c < Channels; c++)
            {
                if (encoding == StaticEncoding.Value)
                {
                    for (var p = 0; p < planeIn; p++)
                    {
                        byte max = 0;
                        for (var k = 0; k < images.Channels; k++) max = Math.Max(max, source[k * planeIn + p]);
                        plane[p] = max / 255f;
                    }
                }
                else
                {
                    for (var p = 0; p < planeIn; p++) plane[p] = source[c * planeIn + p] / 255f;
                }
                var target = _pixels.AsSpan((int)(((long)i * Channels + c) * height * width), height * width);
                if (pad) Pad(plane, images.Height, images.Width, target, height, width);
                else Resize(plane, images.Height, images.Width, target, height, width);
            }
        }
    }

    public int Count { get; }

    /// <summary>Channels of an encoded image (1 for the value channel).</summary>
    public int Channels { get; }

    public int Height { get; }

    public int Width { get; }

    /// <summary>Class of every encoded image.</summary>
    public int[] Labels { get; }

    /// <summary>
    /// Laplacian edge maps (<see cref="LaplacianEdges"/>) of images <paramref name="indices"/> as <c>[B, 1, H, W]</c>,
    /// computed on the grey version of the encoded image (OpenCV's weights for three channels).
    /// </summary>
    public Tensor LoadEdges(ReadOnlySpan<int> indices, Device device)
    {
        var plane = Height * Width;
        if (_edges is null)
        {
            _edges = new float[(long)Count * plane];
            var grey = new float[plane];
            for (var i = 0; i < Count; i++)
            {
                var image = _pixels.AsSpan(i * Channels * plane, Channels * plane);
                for (var p = 0; p < plane; p++)
                    grey[p] = Channels == 3 ? 0.299f * image[p] + 0.587f * image[plane + p] + 0.114f * image[2 * plane + p] : image[p];
                LaplacianEdges.Compute(grey, Height, Width).CopyTo(_edges.AsSpan(i * plane, plane));
            }
        }
        var batch = new float[indices.Length * plane];
        for (var b = 0; b < indices.Length; b++) _edges.AsSpan(indices[b] * plane, plane).CopyTo(batch.AsSpan(b * plane, plane));
        var x = tensor(batch, [indices.Length, 1, Height, Width]);
        return device.type == DeviceType.CPU ? x : x.to(device);
    }

    /// <summary>Encoded images <paramref name="indices"/> as <c>[B, C, H, W]</c>.</summary>
    public Tensor Load(ReadOnlySpan<int> indices, Device device)
    {
        var size = Channels * Height * Width;
        var batch = new float[indices.Length * size];
        for (var b = 0; b < indices.Length; b++) _pixels.AsSpan(indices[b] * size, size).CopyTo(batch.AsSpan(b * size, size));
        var x = tensor(batch, [indices.Length, Channels, Height, Width]);
        return device.type == DeviceType.CPU ? x : x.to(device);
    }

    private static void Pad(float[] plane, int h, int w, Span<float> target, int height, int width)
    {
        target.Clear();
        var top = (height - h) / 2;
        var left = (width - w) / 2;
        for (var y = 0; y < h; y++) plane.AsSpan(y * w, w).CopyTo(target.Slice((top + y) * width + left, w));
    }

    private static void Resize(float[] plane, int h, int w, Span<float> target, int height, int width)
    {
        // Aligned corners: the corner pixels of source and target coincide.
        var sy = height > 1 ? (h - 1) / (double)(height - 1) : 0;
        var sx = width > 1 ? (w - 1) / (double)(width - 1) : 0;
        for (var y = 0; y < height; y++)
        {
            var fy = y * sy;
            var y0 = (int)Math.Floor(fy);
            var y1 = Math.Min(y0 + 1, h - 1);
            var dy = fy - y0;
            for (var x = 0; x < width; x++)
            {
                var fx = x * sx;
                var x0 = (int)Math.Floor(fx);
                var x1 = Math.Min(x0 + 1, w - 1);
                var dx = fx - x0;
                var top = plane[y0 * w + x0] * (1 - dx) + plane[y0 * w + x1] * dx;
                var bottom = plane[y1 * w + x0] * (1 - dx) + plane[y1 * w + x1] * dx;
                target[y * width + x] = (float)(top * (1 - dy) + bottom * dy);
            }
        }
    }
}
