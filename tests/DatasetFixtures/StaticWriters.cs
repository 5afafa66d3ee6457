using System.Buffers.Binary;
using SkiaSharp;

namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>IDX, CIFAR-10 binary, PNG and JPEG test files.</summary>
public static partial class StaticWriters
{
    public static byte[] Idx(byte[] data, params int[] dimensions)
    {
        var output = new byte[4 + 4 * dimensions.Length + data.Length];
        output[2] = 0x08;
        output[3] = (byte)dimensions.Length;
        for (var i = 0; i < dimensions.Length; i++) BinaryPrimitives.WriteInt32BigEndian(output.AsSpan(4 + 4 * i), dimensions[i]);
        data.CopyTo(output, 4 + 4 * dimensions.Length);
        return output;
    }

    /// <summary>CIFAR-10 records: label byte then R, G, B planes; pixel values derived from (record, plane, index).</summary>
    public static byte[] Cifar10(params byte[] labels)
    {
        var output = new byte[labels.Length * 3073];
        for (var r = 0; r < labels.Length; r++)
        {
            output[r * 3073] = labels[r];
            for (var i = 0; i < 3072; i++) output[r * 3073 + 1 + i] = (byte)(r * 31 + i * 7);
        }
        return output;
    }

    /// <summary>An image whose pixel (x, y) is rgb(x * 8, y * 8, 200), encoded as PNG or JPEG by SkiaSharp.</summary>
    public static byte[] Gradient(int width, int height, SKEncodedImageFormat format, int quality = 100)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                bitmap.SetPixel(x, y, new SKColor((byte)(x * 8), (byte)(y * 8), 200));
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }
}
