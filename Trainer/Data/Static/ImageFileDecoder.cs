using SkiaSharp;

namespace Snnsweep.Trainer.Data.Static;

/// <summary>
/// Decodes JPEG (Caltech101) and PNG (Omniglot, CEP-DVS sources) with SkiaSharp into channel-major 8-bit pixels.
/// Undecodable bytes raise <see cref="DatasetFormatException"/>; decoded size is bounded (no 100-megapixel bombs).
/// </summary>
public static class ImageFileDecoder
{
    private const long MaxPixels = 64L * 1024 * 1024;

    public static StaticImage Read(string path, bool grayscale = false) => Decode(DataFile.ReadAllBytes(path), path, grayscale);

    /// <param name="grayscale">True for one channel (luma, as PIL 'L'); false for RGB (grey images are replicated, as the papers do).</param>
    public static StaticImage Decode(ReadOnlySpan<byte> bytes, string name, bool grayscale = false)
    {
        if (bytes.Length == 0) throw new DatasetFormatException(name, 0, "empty image file");
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new DatasetFormatException(name, 0, "not a decodable image (PNG, JPEG, ...)");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0 || (long)info.Width * info.Height > MaxPixels)
            throw new DatasetFormatException(name, 0, $"image size {info.Width}x{info.Height} is out of range");
        var target = new SKImageInfo(info.Width, info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(target);
        var result = codec.GetPixels(target, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            throw new DatasetFormatException(name, 0, $"image data is corrupt ({result})");
        if (result == SKCodecResult.IncompleteInput)
            throw new DatasetFormatException(name, bytes.Length, "image data is truncated");
        var rgba = bitmap.GetPixelSpan();
        var plane = info.Width * info.Height;
        var pixels = new byte[(grayscale ? 1 : 3) * plane];
        for (var i = 0; i < plane; i++)
        {
            byte r = rgba[4 * i], g = rgba[4 * i + 1], b = rgba[4 * i + 2];
            if (grayscale)
            {
                // ITU-R 601-2 luma in PIL's fixed-point form (convert('L')), so grey values match Python pipelines.
                pixels[i] = (byte)((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16);
            }
            else
            {
                pixels[i] = r;
                pixels[plane + i] = g;
                pixels[2 * plane + i] = b;
            }
        }
        return new StaticImage(info.Width, info.Height, grayscale ? 1 : 3, pixels);
    }
}
