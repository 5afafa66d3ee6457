using Snnsweep.Trainer.Data.Static;

namespace Snnsweep.Tests.DatasetFixtures;

public static partial class ReleasedLayouts
{
    /// <summary>
    /// CIFAR10-DVS (original release): <c>CIFAR10-DVS/&lt;class&gt;/cifar10_&lt;class&gt;_&lt;i&gt;.aedat</c> for all 10
    /// classes, AEDAT 2.0 with DVS128 addresses (written so SpikingJelly's upright reading shows the class bar), 128x128,
    /// about 1.3 s each. Per class, the training positions (the first round(0.9 n) by id) take one id below 100 and the
    /// others in 100-899, the test positions ids in 900-999, so the 9:1 split (by position or by id &lt; 900) and the
    /// TEBN split (ids 0-99 test) both give train and test samples.
    /// </summary>
    public static WrittenDataset Cifar10Dvs(string root, int samplesPerClass = 5, int seed = 1)
    {
        RequireAtLeast(samplesPerClass, 5, nameof(samplesPerClass), "the first round(0.9 n) recordings of a class train, so fewer than 5 leave no test sample");
        var folder = Path.Combine(root, "CIFAR10-DVS");
        var train = (int)Math.Round(0.9 * samplesPerClass, MidpointRounding.ToEven);
        for (var label = 0; label < 10; label++)
        {
            var name = Cifar10BinaryReader.ClassNames[label];
            var idRng = FixtureFiles.Rng(seed, "cifar10-dvs", name, "ids");
            int[] ids =
            [
                idRng.Next(0, 100),
                .. Distinct(idRng, 100, 900, train - 1),
                .. Distinct(idRng, 900, 1000, samplesPerClass - train),
            ];
            foreach (var id in ids)
            {
                var rng = FixtureFiles.Rng(seed, "cifar10-dvs", name, id);
                var events = ClassSignal.Events(label, 10, 128, 128, rng.Next(150, 300), rng, t0: rng.Next(0, 10_000_000), duration: 1_300_000);
                FixtureFiles.Write(folder, $"{name}/cifar10_{name}_{id}.aedat", Aedat2Writer.WriteSpikingJellyEvents(events));
            }
        }
        return new WrittenDataset("cifar10-dvs", root, folder, 10 * samplesPerClass, 0);
    }

    /// <summary>
    /// CIFAR-10 binary version: <c>cifar-10-batches-bin/data_batch_{1..5}.bin</c> (the training images dealt over the
    /// five batches), <c>test_batch.bin</c> and <c>batches.meta.txt</c>; 32x32 RGB records (label, R, G, B planes) with
    /// CIFAR10-DVS's class signal, <paramref name="samplesPerClass"/> per class in train and in test.
    /// </summary>
    public static WrittenDataset Cifar10(string root, int samplesPerClass = 3, int seed = 1)
    {
        RequireAtLeast(samplesPerClass, 1, nameof(samplesPerClass), "every class needs a training and a test image");
        var folder = Path.Combine(root, "cifar-10-batches-bin");
        var batches = new[] { "data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5", "test_batch" };
        var records = batches.ToDictionary(b => b, _ => new List<byte>());
        foreach (var split in new[] { "train", "test" })
        {
            var labels = Enumerable.Range(0, 10 * samplesPerClass).Select(i => (byte)(i % 10)).ToArray();
            FixtureFiles.Rng(seed, "cifar10", split, "labels").Shuffle(labels);
            for (var i = 0; i < labels.Length; i++)
            {
                var rgb = ClassSignal.Rgb(labels[i], 10, 32, 32, FixtureFiles.Rng(seed, "cifar10", split, i));
                var record = records[split == "test" ? "test_batch" : batches[i % 5]];
                record.Add(labels[i]);
                for (var c = 0; c < 3; c++)
                    for (var p = 0; p < 1024; p++) record.Add(rgb[p * 3 + c]);
            }
        }
        foreach (var (batch, bytes) in records) FixtureFiles.Write(folder, batch + ".bin", bytes.ToArray());
        FixtureFiles.Text(folder, "batches.meta.txt", string.Join("\n", Cifar10BinaryReader.ClassNames) + "\n\n");
        return new WrittenDataset("cifar10", root, folder, batches.Length, 0);
    }

    /// <summary><paramref name="count"/> distinct values in [from, to), ascending.</summary>
    private static IEnumerable<int> Distinct(Random rng, int from, int to, int count)
    {
        var values = Enumerable.Range(from, to - from).ToArray();
        rng.Shuffle(values);
        return values.Take(count).Order();
    }
}
