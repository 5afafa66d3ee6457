using Snnsweep.Tests.DatasetFixtures;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Frames;
using Snnsweep.Trainer.Data.Packs;
using Snnsweep.Trainer.Data.Definitions;

namespace Snnsweep.Trainer.Tests.Data.Packs;

/// <summary>The front door to real datasets: packs built once and shared, splits as documented, bad recordings left out.</summary>
public sealed class DatasetCatalogTests
{
    private static readonly DatasetRequest NMnistT4 = new("n-mnist", 4, FrameSlicing.EventCount, 0, WithStatic: false);

    /// <summary>N-MNIST as released: Train/ and Test/ with one folder per digit; file numbers differ per split.</summary>
    private static void WriteNMnist(TempDirectory root, int perDigit, Func<string, byte[]?>? replace = null)
    {
        foreach (var split in new[] { "Train", "Test" })
            for (var digit = 0; digit < 10; digit++)
                for (var i = 1; i <= perDigit; i++)
                {
                    var relative = $"N-MNIST/{split}/{digit}/{digit * 1000 + i + (split == "Test" ? 500 : 0):00000}.bin";
                    root.File(relative, replace?.Invoke(relative) ?? AtisBinWriter.Write(TestEvent.Random(digit * 100 + i + (split == "Test" ? 50 : 0), 60, 34, 34)));
                }
    }

    [Fact]
    public void Frames_read_from_the_pack_equal_the_integration_of_each_recording()
    {
        using var root = new TempDirectory();
        WriteNMnist(root, perDigit: 3);
        var catalog = new DatasetCatalog(root.Path);

        var splits = catalog.Open(NMnistT4);

        var definition = new NMnistDataset();
        var index = definition.Index(root.Path);
        var settings = catalog.FrameSettings(NMnistT4);
        var sample = new float[splits.Train.SampleSize];
        // Every split's rows must be the right recordings: compare each sample with its own integration.
        foreach (var split in new[] { splits.Train, splits.Validation, splits.Test })
        {
            for (var i = 0; i < split.Count; i++)
            {
                split.CopySample(i, sample);
                var matches = index.Samples.Where(s => s.Label == split.Labels[i])
                    .Count(s => FrameIntegrator.Integrate(definition.LoadEvents(s), settings).Data.SequenceEqual(sample));
                Assert.Equal(1, matches);
            }
        }
        Assert.Equal((4, 2, 34, 34), (splits.Train.Timesteps, splits.Train.Channels, splits.Train.Height, splits.Train.Width));
    }

    [Fact]
    public void Validation_is_carved_from_train_per_class_and_test_is_the_released_test_split()
    {
        using var root = new TempDirectory();
        WriteNMnist(root, perDigit: 10);

        var splits = new DatasetCatalog(root.Path).Open(NMnistT4);

        Assert.Equal(100, splits.Test.Count);
        Assert.Equal(10, splits.Validation.Count);
        Assert.Equal(90, splits.Train.Count);
        Assert.All(Enumerable.Range(0, 10), digit => Assert.Equal(1, splits.Validation.Labels.Count(l => l == digit)));
        Assert.Equal([new SplitCount("train", 90, 0), new SplitCount("validation", 10, 0), new SplitCount("test", 100, 0)], splits.Report!.Splits);
        // The order is a fixed shuffle, so that data.trainSamples takes every class rather than the first digits.
        Assert.True(splits.Train.Take(20).Labels.Distinct().Count() >= 6);
        Assert.Equal(splits.Train.Labels, new DatasetCatalog(root.Path).Open(NMnistT4).Train.Labels);
    }

    [Fact]
    public void A_pack_is_built_once_and_the_next_process_reopens_it_without_integrating()
    {
        using var root = new TempDirectory();
        WriteNMnist(root, perDigit: 2);
        var counting = new CountingNMnist();

        new DatasetCatalog(new DatasetLocations(root.Path), new DatasetDefinitions([counting])).Open(NMnistT4);
        var afterFirst = counting.Loads;
        new DatasetCatalog(new DatasetLocations(root.Path), new DatasetDefinitions([counting])).Open(NMnistT4);

        Assert.Equal(40 + 1, afterFirst); // every sample once, plus the probe that sizes the pack
        Assert.Equal(afterFirst, counting.Loads);
        Assert.Single(Directory.GetFiles(Path.Combine(FramePack.Folder(root.Path), "n-mnist"), "*.frames"));
    }

    [Fact]
    public async Task Trials_that_open_the_same_frames_at_once_share_one_build_one_copy_and_its_progress()
    {
        using var root = new TempDirectory();
        WriteNMnist(root, perDigit: 4);
        var counting = new CountingNMnist();
        var catalog = new DatasetCatalog(new DatasetLocations(root.Path), new DatasetDefinitions([counting]));
        var heard = new List<double>[] { [], [] };

        var opened = await Task.WhenAll(Enumerable.Range(0, 2).Select(k =>
            Task.Run(() => catalog.Open(NMnistT4, new SynchronousProgress(v => { lock (heard[k]) heard[k].Add(v); })))));

        Assert.Same(opened[0], opened[1]);
        Assert.Equal(80 + 1, counting.Loads);
        Assert.Contains(1.0, heard[0].Concat(heard[1]));
    }

    [Fact]
    public async Task Processes_on_one_data_root_build_a_pack_once_while_the_others_wait_for_it()
    {
        using var root = new TempDirectory();
        WriteNMnist(root, perDigit: 4);
        var counting = new CountingNMnist();
        // Separate catalogs share nothing in memory, only the data root and its lock file, as silos on one volume do.
        var silos = Enumerable.Range(0, 3).Select(_ => new DatasetCatalog(new DatasetLocations(root.Path), new DatasetDefinitions([counting]))).ToList();

        var opened = await Task.WhenAll(silos.Select(s => Task.Run(() => s.Open(NMnistT4))));

        Assert.Equal(80 + 1, counting.Loads);
        Assert.All(opened, o => Assert.Equal(opened[0].Train.Labels, o.Train.Labels));
    }

    [Fact]
    public void A_new_frame_count_builds_its_own_pack_beside_the_first()
    {
        using var root = new TempDirectory();
        WriteNMnist(root, perDigit: 2);
        var catalog = new DatasetCatalog(root.Path);

        var four = catalog.Open(NMnistT4);
        var six = catalog.Open(NMnistT4 with { Timesteps = 6, Slicing = FrameSlicing.TonicTimeBins, FrameSize = 16 });

        Assert.Equal(4, four.Train.Timesteps);
        Assert.Equal((6, 16, 16), (six.Train.Timesteps, six.Train.Height, six.Train.Width));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(FramePack.Folder(root.Path), "n-mnist"), "*.frames").Length);
    }

    [Fact]
    public void A_corrupt_recording_is_left_out_of_its_split_and_reported_with_file_and_offset()
    {
        using var root = new TempDirectory();
        WriteNMnist(root, perDigit: 3, relative => relative.EndsWith("Test/7/07502.bin", StringComparison.Ordinal) ? [1, 2, 3, 4, 5, 6, 7] : null);

        var splits = new DatasetCatalog(root.Path).Open(NMnistT4);

        var excluded = Assert.Single(splits.Report!.Excluded);
        Assert.EndsWith("07502.bin", excluded.File);
        Assert.Equal(DatasetSplit.Test, excluded.Split);
        Assert.Equal(5, excluded.Offset); // the truncated second record starts at byte 5
        Assert.Equal(new SplitCount("test", 29, 1), splits.Report.Splits.Single(s => s.Split == "test"));
        Assert.Equal(29, splits.Test.Count);
    }

    [Fact]
    public void A_missing_dataset_names_the_folder_and_the_layout_it_expects()
    {
        using var root = new TempDirectory();

        var error = Assert.Throws<DatasetLayoutException>(() => new DatasetCatalog(root.Path).Open(NMnistT4));

        Assert.Contains(root.Path, error.Message);
        Assert.Contains("Train/<digit 0-9>/<nnnnn>.bin", error.Message);
    }

    [Fact]
    public void A_transfer_run_without_its_static_partner_is_refused_naming_where_it_looked()
    {
        using var root = new TempDirectory();
        WriteNMnist(root, perDigit: 2);

        var error = Assert.Throws<DatasetLayoutException>(() => new DatasetCatalog(root.Path).Open(NMnistT4 with { WithStatic = true }));

        Assert.Contains("'mnist'", error.Message);
        Assert.Contains(root.Path, error.Message);
        Assert.Contains("train-images-idx3-ubyte", error.Message);
    }

    [Fact]
    public void A_dataset_in_a_folder_of_its_own_is_read_there_and_packed_on_the_data_root()
    {
        using var dataRoot = new TempDirectory();
        using var mount = new TempDirectory();
        WriteNMnist(mount, perDigit: 2);
        var locations = new DatasetLocations(dataRoot.Path, new Dictionary<string, string> { ["n-mnist"] = mount.Path });

        var splits = new DatasetCatalog(locations).Open(NMnistT4);

        Assert.Equal(40, splits.Train.Count + splits.Validation.Count + splits.Test.Count);
        Assert.Single(Directory.GetFiles(Path.Combine(FramePack.Folder(dataRoot.Path), "n-mnist"), "*.frames"));
        Assert.False(Directory.Exists(FramePack.Folder(mount.Path)));
    }

    [Fact]
    public void Statuses_say_which_datasets_are_found_and_whether_their_frames_are_prepared()
    {
        using var root = new TempDirectory();
        WriteNMnist(root, perDigit: 2);
        var catalog = new DatasetCatalog(root.Path);

        var before = catalog.Status("n-mnist");
        catalog.Prepare(DatasetCatalog.DefaultRequest(new NMnistDataset()));
        var after = catalog.Status("n-mnist", TimeSpan.Zero);

        Assert.Equal(DatasetState.StaticPartnerMissing, before.State); // no MNIST beside it
        Assert.Equal(40, before.Samples);
        Assert.Equal(DatasetState.NotFound, catalog.Status("cifar10-dvs").State);
        Assert.Equal(DatasetState.Ready, catalog.Status("demo").State);
        ReleasedMnist(root.Path);
        Assert.Equal(DatasetState.Ready, catalog.Status("n-mnist", TimeSpan.Zero).State);
        Assert.Equal(DatasetState.StaticPartnerMissing, after.State);
    }

    /// <summary>A tiny MNIST in its released IDX layout, digits 0-9.</summary>
    private static void ReleasedMnist(string root)
    {
        var folder = Path.Combine(root, "MNIST", "raw");
        Directory.CreateDirectory(folder);
        foreach (var prefix in new[] { "train", "t10k" })
        {
            File.WriteAllBytes(Path.Combine(folder, $"{prefix}-images-idx3-ubyte"), StaticWriters.Idx(new byte[10 * 28 * 28], 10, 28, 28));
            File.WriteAllBytes(Path.Combine(folder, $"{prefix}-labels-idx1-ubyte"), StaticWriters.Idx(Enumerable.Range(0, 10).Select(i => (byte)i).ToArray(), 10));
        }
    }

    /// <summary>N-MNIST that counts its decodes, to see how often frames are integrated.</summary>
    private sealed class CountingNMnist : IEventDatasetDefinition
    {
        private readonly NMnistDataset _inner = new();
        private int _loads;

        public int Loads => Volatile.Read(ref _loads);

        public string Name => _inner.Name;

        public DatasetDomain Domain => _inner.Domain;

        public string Description => _inner.Description;

        public string ExpectedLayout => _inner.ExpectedLayout;

        public SensorSize? Size => _inner.Size;

        public string? PairedDataset => _inner.PairedDataset;

        public FrameIntegrationSettings DefaultFrames => _inner.DefaultFrames;

        public DatasetIndex Index(string root) => _inner.Index(root);

        public EventStream LoadEvents(DatasetSample sample)
        {
            Interlocked.Increment(ref _loads);
            return _inner.LoadEvents(sample);
        }
    }

    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
