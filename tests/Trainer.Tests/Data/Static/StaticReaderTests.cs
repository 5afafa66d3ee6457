using System.IO.Compression;
using SkiaSharp;
using Snnsweep.Tests.DatasetFixtures;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Data.Static;

namespace Snnsweep.Trainer.Tests.Data.Static;

public sealed class StaticReaderTests
{
    [Fact]
    public void Idx_reader_reads_gzipped_image_files_and_refuses_a_header_larger_than_the_file()
    {
        using var temp = new TempDirectory();
        var pixels = Enumerable.Range(0, 2 * 28 * 28).Select(i => (byte)(i * 3)).ToArray();
        var raw = StaticWriters.Idx(pixels, 2, 28, 28);
        using var gz = new MemoryStream();
        using (var z = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) z.Write(raw);
        var path = temp.File("train-images-idx3-ubyte.gz", gz.ToArray());

        var file = IdxReader.Read(path);

        Assert.Equal([2, 28, 28], file.Dimensions);
        Assert.Equal(pixels, file.Data);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(raw.AsSpan(4), 1_000_000_000);
        Assert.Equal(4, Assert.Throws<DatasetFormatException>(() => IdxReader.Parse(raw, "huge")).Offset);
    }

    [Fact]
    public void Cifar10_reader_splits_records_into_labels_and_planar_rgb_images()
    {
        var batch = Cifar10BinaryReader.Parse(StaticWriters.Cifar10(3, 9, 0), "data_batch_1.bin");

        Assert.Equal([3, 9, 0], batch.Labels);
        var image = batch.Image(1);
        Assert.Equal((32, 32, 3), (image.Width, image.Height, image.Channels));
        Assert.Equal(unchecked((byte)(31 + 7 * 1024)), image[1, 0, 0]); // green plane starts at pixel byte 1024
        Assert.Equal(unchecked((byte)(31 + 7 * 33)), image[0, 1, 1]);
    }

    [Fact]
    public void Cifar10_reader_rejects_partial_records_and_labels_above_nine()
    {
        var bytes = StaticWriters.Cifar10(1, 2);

        Assert.Equal(3073, Assert.Throws<DatasetFormatException>(() => Cifar10BinaryReader.Parse(bytes[..^10], "cut.bin")).Offset);
        bytes[3073] = 10;
        Assert.Contains("outside 0..9", Assert.Throws<DatasetFormatException>(() => Cifar10BinaryReader.Parse(bytes, "bad.bin")).Problem);
    }

    [Fact]
    public void Image_decoder_reads_a_png_exactly_as_planar_rgb_and_as_pil_style_grey()
    {
        var png = StaticWriters.Gradient(12, 10, SKEncodedImageFormat.Png);

        var rgb = ImageFileDecoder.Decode(png, "g.png");
        var grey = ImageFileDecoder.Decode(png, "g.png", grayscale: true);

        Assert.Equal((12, 10, 3), (rgb.Width, rgb.Height, rgb.Channels));
        Assert.Equal((byte)(5 * 8), rgb[0, 7, 5]);
        Assert.Equal((byte)(7 * 8), rgb[1, 7, 5]);
        Assert.Equal((byte)200, rgb[2, 7, 5]);
        var expectedGrey = (byte)((40 * 19595 + 56 * 38470 + 200 * 7471 + 0x8000) >> 16);
        Assert.Equal(expectedGrey, grey[0, 7, 5]);
    }

    [Fact]
    public void Image_decoder_reads_a_jpeg_close_to_its_source_pixels()
    {
        var jpeg = StaticWriters.Gradient(32, 24, SKEncodedImageFormat.Jpeg, quality: 100);

        var image = ImageFileDecoder.Decode(jpeg, "g.jpg");

        Assert.Equal((32, 24, 3), (image.Width, image.Height, image.Channels));
        Assert.InRange(image[0, 10, 20], 160 - 12, 160 + 12);
        Assert.InRange(image[1, 10, 20], 80 - 12, 80 + 12);
    }

    [Fact]
    public void Image_decoder_rejects_text_and_truncated_images_with_the_file_name()
    {
        Assert.Equal("notes.png", Assert.Throws<DatasetFormatException>(() => ImageFileDecoder.Decode("not an image"u8, "notes.png")).File);
        var png = StaticWriters.Gradient(40, 40, SKEncodedImageFormat.Png);
        Assert.Throws<DatasetFormatException>(() => ImageFileDecoder.Decode(png.AsSpan(0, png.Length / 2), "half.png"));
    }
}
