using SkiaSharp;

namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>PNG and JPEG encoding of generated pixels (the image datasets of <see cref="ReleasedLayouts"/>).</summary>
public static partial class StaticWriters
{
    /// <summary>
    /// Encodes row-major pixels with 1 (grey, stored as an 8-bit grey image) or 3 (interleaved RGB) channels as PNG or
    /// JPEG, the way the released image datasets store them.
    /// </summary>
    public static byte[] Encode(byte[] pixels, int width, int height, int channels, SKEncodedImageFormat format, int quality = 90)
    {
        if (channels is not (1 or 3) || pixels.Length != width * height * channels)
            throw new ArgumentException($"{pixels.Length} values are not a {width}x{height} image with 1 or 3 channels.", nameof(pixels));
        var colorType = channels == 1 ? SKColorType.Gray8 : SKColorType.Rgba8888;
        var raw = pixels;
        if (channels == 3)
        {
            // Skia has no packed 24-bit type: widen to RGBA in one buffer (SetPixel per pixel is far slower).
            raw = new byte[width * height * 4];
            for (var i = 0; i < width * height; i++)
            {
                raw[i * 4] = pixels[i * 3];
                raw[i * 4 + 1] = pixels[i * 3 + 1];
                raw[i * 4 + 2] = pixels[i * 3 + 2];
                raw[i * 4 + 3] = 255;
            }
        }
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, colorType, SKAlphaType.Opaque));
        if (bitmap.RowBytes != width * (channels == 1 ? 1 : 4)) throw new InvalidOperationException($"SkiaSharp pads {width}-pixel rows to {bitmap.RowBytes} bytes.");
        System.Runtime.InteropServices.Marshal.Copy(raw, 0, bitmap.GetPixels(), raw.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality) ?? throw new InvalidOperationException($"SkiaSharp could not encode a {width}x{height} {colorType} image as {format}.");
        return data.ToArray();
    }
}
