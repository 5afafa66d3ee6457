using Snnsweep.Tests.DatasetFixtures;

namespace Snnsweep.Trainer.Tests.Data.Definitions;

/// <summary>Small dataset folders in the released layouts, with tiny but genuine files.</summary>
public static class DatasetTrees
{
    public static void NMnist(TempDirectory root, int perDigit)
    {
        foreach (var split in new[] { "Train", "Test" })
            for (var digit = 0; digit < 10; digit++)
                for (var i = 1; i <= perDigit; i++)
                    root.File($"N-MNIST/{split}/{digit}/{digit * 1000 + i:00000}.bin", AtisBinWriter.Write(TestEvent.Random(digit * 100 + i, 50, 34, 34)));
    }

    public static void NCaltech101(TempDirectory root, IReadOnlyDictionary<string, int> counts)
    {
        foreach (var (name, count) in counts)
            for (var i = 1; i <= count; i++)
                root.File($"Caltech101/{name}/image_{i:0000}.bin", AtisBinWriter.Write(TestEvent.Random(i, 30, 200, 150)));
    }

    public static void Caltech101(TempDirectory root, IReadOnlyDictionary<string, int> counts)
    {
        var jpeg = StaticWriters.Gradient(8, 6, SkiaSharp.SKEncodedImageFormat.Jpeg);
        foreach (var (name, count) in counts)
            for (var i = 1; i <= count; i++)
                root.File($"101_ObjectCategories/{name}/image_{i:0000}.jpg", jpeg);
    }
}
