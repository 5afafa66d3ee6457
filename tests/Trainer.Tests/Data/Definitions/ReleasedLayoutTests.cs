using Snnsweep.Tests.DatasetFixtures;
using Snnsweep.Trainer.Data.Demo;
using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Frames;
using Snnsweep.Trainer.Data.Definitions;
using Snnsweep.Trainer.Data.Static;

namespace Snnsweep.Trainer.Tests.Data.Definitions;

/// <summary>
/// The ReleasedLayouts fixtures against the dataset definitions: every dataset is found from the root, split as its paper does,
/// decodes sample by sample, pairs with its static partner, and carries a learnable class signal.
/// </summary>
public sealed class ReleasedLayoutTests(ReleasedLayoutTests.AllLayouts layouts) : IClassFixture<ReleasedLayoutTests.AllLayouts>
{
    /// <summary>Every fixture written once, with its defaults, into one shared root (the layouts keep to their own folders).</summary>
    public sealed class AllLayouts : IDisposable
    {
        private readonly TempDirectory _root = new();

        public AllLayouts()
        {
            Written =
            [
                ReleasedLayouts.NMnist(Root), ReleasedLayouts.NCaltech101(Root), ReleasedLayouts.Cifar10Dvs(Root),
                ReleasedLayouts.DvsGesture(Root), ReleasedLayouts.NOmniglot(Root), ReleasedLayouts.CepDvs(Root),
                ReleasedLayouts.Mnist(Root), ReleasedLayouts.Caltech101(Root), ReleasedLayouts.Cifar10(Root),
                ReleasedLayouts.Omniglot(Root), ReleasedLayouts.CepDvsImages(Root),
            ];
        }

        public string Root => _root.Path;

        public IReadOnlyList<WrittenDataset> Written { get; }

        public void Dispose() => _root.Dispose();
    }

    /// <summary>Event datasets and how many classes each fixture fills.</summary>
    public static TheoryData<string, int> EventDatasets => new()
    {
        { "n-mnist", 10 }, { "n-caltech101", 4 }, { "cifar10-dvs", 10 }, { "cifar10-dvs-tebn", 10 }, { "dvs-gesture", 11 }, { "n-omniglot", 8 }, { "cep-dvs", 20 },
    };

    public static TheoryData<string, int> StaticDatasets => new()
    {
        { "mnist", 10 }, { "caltech101", 5 }, { "cifar10", 10 }, { "omniglot", 8 }, { "cep-dvs-images", 20 },
    };

    private readonly DatasetDefinitions _definitions = DatasetDefinitions.CreateDefault();

    [Theory]
    [MemberData(nameof(EventDatasets))]
    public void Every_event_fixture_indexes_with_train_and_test_samples_in_every_class(string dataset, int classes) =>
        AssertTrainAndTestInEveryClass(_definitions.Get(dataset).Index(layouts.Root), classes);

    [Theory]
    [MemberData(nameof(StaticDatasets))]
    public void Every_static_fixture_indexes_with_train_and_test_samples_in_every_class(string dataset, int classes) =>
        AssertTrainAndTestInEveryClass(_definitions.Get(dataset).Index(layouts.Root), classes);

    [Theory]
    [MemberData(nameof(EventDatasets))]
    public void Every_event_sample_decodes_inside_its_sensor(string dataset, int classes)
    {
        var definition = (IEventDatasetDefinition)_definitions.Get(dataset);
        var index = definition.Index(layouts.Root);

        Assert.Equal(classes, index.Samples.Select(s => s.Label).Distinct().Count());
        Assert.All(index.Samples, sample =>
        {
            var events = definition.LoadEvents(sample);
            Assert.InRange(events.Count, 10, 400);
            if (definition.Size is { } size) Assert.Equal((size.Width, size.Height), (events.Width, events.Height));
            Assert.True(events.X.All(x => x >= 0 && x < events.Width) && events.Y.All(y => y >= 0 && y < events.Height), $"{sample.Id} has events outside {events.Width}x{events.Height}");
            Assert.True(events.T.Zip(events.T.Skip(1)).All(p => p.First <= p.Second), $"{sample.Id} is not time-ordered");
        });
    }

    [Theory]
    [MemberData(nameof(StaticDatasets))]
    public void Every_static_sample_decodes(string dataset, int classes)
    {
        var definition = (IStaticDatasetDefinition)_definitions.Get(dataset);
        var index = definition.Index(layouts.Root);

        Assert.Equal(classes, index.Samples.Select(s => s.Label).Distinct().Count());
        Assert.All(index.Samples, sample =>
        {
            var image = definition.LoadImage(sample);
            Assert.True(image.Width > 0 && image.Height > 0 && image.Pixels.Length == image.Width * image.Height * image.Channels);
            if (definition.Size is { } size) Assert.Equal((size.Width, size.Height), (image.Width, image.Height));
        });
    }

    [Fact]
    public void Every_event_class_of_a_paired_fixture_maps_to_a_static_class()
    {
        var paired = _definitions.All.OfType<IEventDatasetDefinition>().Where(d => d.PairedDataset is not null).ToList();

        Assert.Equal(["cep-dvs", "cifar10-dvs", "cifar10-dvs-tebn", "n-caltech101", "n-mnist", "n-omniglot"], paired.Select(d => d.Name).Order(StringComparer.Ordinal));
        foreach (var definition in paired)
        {
            var (partner, classes) = _definitions.Pair(definition, layouts.Root, layouts.Root)!.Value;
            Assert.Equal(definition.PairedDataset, partner.Name);
            Assert.Empty(classes.UnmatchedEventClasses);
            // Every mapped static class holds images of the event class's name.
            for (var label = 0; label < classes.EventClasses.Count; label++)
                Assert.Equal(Normalize(classes.EventClasses[label]), Normalize(classes.StaticClasses[classes.StaticLabelFor(label)]));
            string[] unpaired = definition.Name == "n-caltech101" ? ["Faces"] : [];
            Assert.Equal(unpaired, classes.UnusedStaticClasses);
        }
    }

    [Fact]
    public void The_fixtures_split_as_the_papers_do()
    {
        int[] Counts(string dataset) => [.. new[] { DatasetSplit.Train, DatasetSplit.Test, DatasetSplit.Unused }.Select(_definitions.Get(dataset).Index(layouts.Root).Count)];

        Assert.Equal([30, 30, 0], Counts("n-mnist"));                // 3 per digit in Train/ and in Test/
        Assert.Equal([16, 4, 0], Counts("n-caltech101"));            // 5 per class: round(4.5) = 4 train
        Assert.Equal([40, 10, 0], Counts("cifar10-dvs"));            // the same 4 / 1 per class
        Assert.Equal([40, 10, 0], Counts("cifar10-dvs-tebn"));       // one id below 100 per class
        Assert.Equal([23, 23, 0], Counts("dvs-gesture"));            // 2 trials per split x 11 gestures, arm roll twice in one
        Assert.Equal([8 * 15, 8 * 5, 0], Counts("n-omniglot"));      // drawers 1-15 / 16-20
        Assert.Equal([40, 20, 40], Counts("cep-dvs"));               // 5 per class: round(2.5) = 2 / round(1.0) = 1 / 2 unused
        Assert.Equal([30, 30, 0], Counts("mnist"));
        Assert.Equal([20, 5, 0], Counts("caltech101"));              // Faces too
        Assert.Equal([30, 30, 0], Counts("cifar10"));
        Assert.Equal([8 * 15, 8 * 5, 0], Counts("omniglot"));
        Assert.Equal([40, 20, 40], Counts("cep-dvs-images"));
    }

    [Theory]
    [MemberData(nameof(EventDatasets))]
    public void A_nearest_centroid_classifier_learns_each_event_fixture(string dataset, int classes)
    {
        // Event-count maps on a coarse grid, averaged per class over Train, classify Test far above chance.
        var definition = (IEventDatasetDefinition)_definitions.Get(dataset);
        var index = definition.Index(layouts.Root);
        var centroids = index.In(DatasetSplit.Train).GroupBy(s => s.Label)
            .ToDictionary(g => g.Key, g => Average(g.Select(s => Histogram(definition.LoadEvents(s))).ToList()));

        var test = index.In(DatasetSplit.Test).ToList();
        var correct = test.Count(s => centroids.MinBy(c => Distance(c.Value, Histogram(definition.LoadEvents(s)))).Key == s.Label);

        Assert.True(correct >= 0.8 * test.Count, $"{dataset}: {correct} of {test.Count} test samples (chance {1.0 / classes:P0})");
    }

    [Fact]
    public void The_same_seed_writes_the_same_files_and_another_seed_other_events()
    {
        using var a = new TempDirectory();
        using var b = new TempDirectory();
        using var c = new TempDirectory();
        ReleasedLayouts.Cifar10Dvs(a.Path, seed: 7);
        ReleasedLayouts.Cifar10Dvs(b.Path, seed: 7);
        ReleasedLayouts.Cifar10Dvs(c.Path, seed: 8);

        string[] Files(TempDirectory d) => [.. Directory.GetFiles(d.Path, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(d.Path, f)).Order(StringComparer.Ordinal)];
        Assert.Equal(Files(a), Files(b));
        Assert.All(Files(a), f => Assert.Equal(File.ReadAllBytes(Path.Combine(a.Path, f)), File.ReadAllBytes(Path.Combine(b.Path, f))));
        Assert.NotEqual(Files(a), Files(c));
    }

    [Fact]
    public void Counts_the_split_rules_cannot_serve_are_refused_with_the_reason()
    {
        using var root = new TempDirectory();

        Assert.Contains("round(0.9 n)", Assert.Throws<ArgumentOutOfRangeException>(() => ReleasedLayouts.NCaltech101(root.Path, samplesPerClass: 4)).Message);
        Assert.Contains("round(0.9 n)", Assert.Throws<ArgumentOutOfRangeException>(() => ReleasedLayouts.Cifar10Dvs(root.Path, samplesPerClass: 3)).Message);
        Assert.Throws<ArgumentException>(() => ReleasedLayouts.NCaltech101(root.Path, classes: ["Faces", "accordion"]));
        Assert.Empty(Directory.GetFileSystemEntries(root.Path));
    }

    [SamplesFact]
    public void Real_samples_take_their_place_among_the_generated_ones()
    {
        using var root = new TempDirectory();
        var nmnist = ReleasedLayouts.NMnist(root.Path, withRealSamples: true);
        var gesture = ReleasedLayouts.DvsGesture(root.Path, withRealSamples: true);
        var omniglot = ReleasedLayouts.NOmniglot(root.Path, withRealSamples: true);

        Assert.Equal((10, 1, 1), (nmnist.RealFiles, gesture.RealFiles, omniglot.RealFiles));
        // SLAYER's 1.bs2 is MNIST training image 1, a 5: it keeps its id, and digit 5 still has 3 training samples.
        var nmnistIndex = _definitions.Get("n-mnist").Index(root.Path);
        var real = nmnistIndex.Samples.Single(s => s.Id == "Train/5/00001");
        Assert.Equal(File.ReadAllBytes(SampleFiles.PathOf("nmnist/slayer_NMNISTsmall/1.bs2")), File.ReadAllBytes(real.File));
        Assert.Equal(4681, ((IEventDatasetDefinition)_definitions.Get("n-mnist")).LoadEvents(real).Count);
        Assert.Equal(3, nmnistIndex.In(DatasetSplit.Train).Count(s => s.Label == 5));
        // The real label CSV of user01_natural has 12 rows (arm roll twice), each cut from the generated recording.
        var gestureDefinition = (IEventDatasetDefinition)_definitions.Get("dvs-gesture");
        var user01 = gestureDefinition.Index(root.Path).Samples.Where(s => s.Id.StartsWith("user01_natural/", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, user01.Count);
        Assert.All(user01, s => Assert.NotEqual(0, gestureDefinition.LoadEvents(s).Count));
        // The real DV recording stands for the first evaluation character: 20 drawers that together hold all its events but the last.
        var omniglotDefinition = (IEventDatasetDefinition)_definitions.Get("n-omniglot");
        var angelic = omniglotDefinition.Index(root.Path).Samples.Where(s => s.Id.StartsWith("Angelic/character01/", StringComparison.Ordinal)).ToList();
        Assert.Equal(20, angelic.Count);
        Assert.Equal(111_954 - 1, angelic.Sum(s => omniglotDefinition.LoadEvents(s).Count));
    }

    [Fact]
    public void The_emulated_nmnist_folder_holds_the_demo_recordings_event_for_event()
    {
        using var root = new TempDirectory();
        var written = ReleasedLayouts.NMnistFromDemoEmulator(root.Path, limit: 10);
        var plan = ReleasedLayouts.NMnistFromDemoEmulatorSamples(limit: 10);
        var definition = (IEventDatasetDefinition)_definitions.Get("n-mnist");
        var index = definition.Index(root.Path);
        var images = IdxReader.Read(Path.Combine(DemoDataset.BundledDirectory, "t10k-images-idx3-ubyte.gz"));
        var labels = IdxReader.Read(Path.Combine(DemoDataset.BundledDirectory, "t10k-labels-idx1-ubyte.gz"));

        // 3:1:1 as the demo: train and validation images in Train/, test images in Test/, named by 1-based t10k index.
        Assert.Equal(10, written.Files);
        Assert.Equal([6, 2, 2], new[] { DatasetSplit.Train, DatasetSplit.Validation, DatasetSplit.Test }.Select(s => plan.Count(p => p.DemoSplit == s)));
        Assert.Equal((8, 2), (index.Count(DatasetSplit.Train), index.Count(DatasetSplit.Test)));
        Assert.All(plan, p => Assert.True(p.ImageIndex % 2 == 1 && labels.Data[p.ImageIndex] == p.Label));
        Assert.Equal(plan.Count, plan.Select(p => p.ImageIndex).Distinct().Count());
        foreach (var sample in plan)
        {
            var indexed = index.Samples.Single(s => Path.GetFullPath(s.File) == Path.GetFullPath(Path.Combine(root.Path, sample.RelativePath)));
            Assert.Equal((sample.Label, sample.DemoSplit == DatasetSplit.Test ? DatasetSplit.Test : DatasetSplit.Train), (indexed.Label, indexed.Split));
            var emulated = DemoDataset.Record(images.Data.AsSpan(sample.ImageIndex * 784, 784), sample.ImageIndex);
            var read = definition.LoadEvents(indexed);

            // The 23-bit ATIS timestamps hold the emulator's three 105 ms saccades, so nothing is lost or shifted...
            Assert.InRange(emulated.T[^1], 0, (1 << 23) - 1);
            Assert.Equal(emulated.X, read.X);
            Assert.Equal(emulated.Y, read.Y);
            Assert.Equal(emulated.T, read.T);
            Assert.Equal(emulated.P, read.P);
            // ...and frames integrated from the folder are the demo's frames.
            Assert.Equal(FrameIntegrator.Integrate(emulated, 10, FrameSlicing.Time), FrameIntegrator.Integrate(read, 10, FrameSlicing.Time));
            Assert.Equal(FrameIntegrator.Integrate(emulated, 4, FrameSlicing.EventCount), FrameIntegrator.Integrate(read, 4, FrameSlicing.EventCount));
        }
    }

    private static void AssertTrainAndTestInEveryClass(DatasetIndex index, int classes)
    {
        var filled = index.Samples.GroupBy(s => s.Label).ToList();
        Assert.Equal(classes, filled.Count);
        Assert.All(filled, g => Assert.True(g.Any(s => s.Split == DatasetSplit.Train) && g.Any(s => s.Split == DatasetSplit.Test), $"{index.Dataset} class {index.Classes[g.Key]} lacks a split"));
    }

    private const int Grid = 12;

    /// <summary>Event counts on a Grid x Grid partition of the sensor, normalised to sum 1.</summary>
    private static double[] Histogram(EventStream events)
    {
        var h = new double[Grid * Grid];
        for (var i = 0; i < events.Count; i++) h[events.Y[i] * Grid / events.Height * Grid + events.X[i] * Grid / events.Width]++;
        return [.. h.Select(v => v / Math.Max(1, events.Count))];
    }

    private static double[] Average(IReadOnlyList<double[]> rows) => [.. Enumerable.Range(0, rows[0].Length).Select(i => rows.Average(r => r[i]))];

    private static double Distance(double[] a, double[] b) => a.Zip(b).Sum(p => (p.First - p.Second) * (p.First - p.Second));

    private static string Normalize(string name) => new([.. name.Where(c => c is not (' ' or '_' or '-')).Select(char.ToLowerInvariant)]);
}
