using System.Text;
using Snnsweep.Tests.DatasetFixtures;
using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Definitions;

namespace Snnsweep.Trainer.Tests.Data.Definitions;

public sealed class DatasetDefinitionsTests
{
    [Fact]
    public void The_built_in_definitions_list_every_real_dataset_with_its_static_partner()
    {
        var definitions = DatasetDefinitions.CreateDefault();

        Assert.Equal("mnist", definitions.Get("n-mnist").PairedDataset);
        Assert.Equal("caltech101", definitions.Get("n-caltech101").PairedDataset);
        Assert.Equal("cifar10", definitions.Get("cifar10-dvs").PairedDataset);
        Assert.Equal("omniglot", definitions.Get("N-Omniglot").PairedDataset);
        Assert.Equal("cep-dvs-images", definitions.Get("cep-dvs").PairedDataset);
        Assert.Null(definitions.Get("dvs-gesture").PairedDataset);
        Assert.All(definitions.All.Where(d => d.PairedDataset is not null), d => Assert.NotEqual(d.Domain, definitions.Get(d.PairedDataset!).Domain));
        Assert.Contains("n-mnist", Assert.Throws<KeyNotFoundException>(() => definitions.Get("nope")).Message);
    }

    [Fact]
    public void Extra_definitions_such_as_the_demo_plug_in_beside_the_real_ones()
    {
        var definitions = DatasetDefinitions.CreateDefault([new FakeDemo()]);

        Assert.Same(typeof(FakeDemo), definitions.Get("demo").GetType());
        Assert.Throws<ArgumentException>(() => definitions.Register(new FakeDemo()));
    }

    [Fact]
    public void Nmnist_index_follows_the_train_test_folders_and_numeric_file_order()
    {
        using var root = new TempDirectory();
        DatasetTrees.NMnist(root, perDigit: 3);
        var dataset = new NMnistDataset();

        var index = dataset.Index(root.Path);

        Assert.Equal(30, index.Count(DatasetSplit.Train));
        Assert.Equal(30, index.Count(DatasetSplit.Test));
        var sample = index.Samples.First(s => s.Id == "Train/7/07002");
        Assert.Equal(7, sample.Label);
        Assert.Equal(50, dataset.LoadEvents(sample).Count);
        Assert.Equal((34, 34), (dataset.LoadEvents(sample).Width, dataset.LoadEvents(sample).Height));
    }

    [Fact]
    public void Ncaltech101_takes_the_first_round_ninety_percent_of_each_class_with_python_rounding()
    {
        using var root = new TempDirectory();
        // 5 -> round(4.5) = 4 (ties to even), 15 -> round(13.5) = 14, 12 -> round(10.8) = 11
        DatasetTrees.NCaltech101(root, new Dictionary<string, int> { ["BACKGROUND_Google"] = 5, ["Faces_easy"] = 15, ["accordion"] = 12 });

        var index = new NCaltech101Dataset().Index(root.Path);

        Assert.Equal(["BACKGROUND_Google", "Faces_easy", "accordion"], index.Classes);
        Assert.Equal([4, 14, 11], Enumerable.Range(0, 3).Select(c => index.Samples.Count(s => s.Label == c && s.Split == DatasetSplit.Train)));
        Assert.Equal(DatasetSplit.Test, index.Samples.Single(s => s.Id == "accordion/image_0012").Split);
        Assert.Equal(DatasetSplit.Train, index.Samples.Single(s => s.Id == "accordion/image_0011").Split);
    }

    [Fact]
    public void Ncaltech101_events_are_cropped_to_their_bounding_box_like_tonic()
    {
        using var root = new TempDirectory();
        root.File("Caltech101/ant/image_0001.bin", AtisBinWriter.Write([new TestEvent(50, 20, 1, 1), new TestEvent(60, 35, 2, 0)]));
        var dataset = new NCaltech101Dataset();

        var events = dataset.LoadEvents(dataset.Index(root.Path).Samples[0]);

        Assert.Equal((11, 16), (events.Width, events.Height));
        EventAssert.Equal([new TestEvent(0, 0, 1, 1), new TestEvent(10, 15, 2, 0)], events);
    }

    [Fact]
    public void Caltech101_and_ncaltech101_classes_are_matched_by_name_leaving_faces_unpaired()
    {
        using var events = new TempDirectory();
        using var images = new TempDirectory();
        var eventClasses = new Dictionary<string, int> { ["BACKGROUND_Google"] = 2, ["Faces_easy"] = 2, ["Leopards"] = 2, ["accordion"] = 2 };
        DatasetTrees.NCaltech101(events, eventClasses);
        DatasetTrees.Caltech101(images, new Dictionary<string, int>(eventClasses) { ["Faces"] = 2 });
        var definitions = DatasetDefinitions.CreateDefault();

        var pair = definitions.Pair((IEventDatasetDefinition)definitions.Get("n-caltech101"), events.Path, images.Path)!.Value;

        Assert.Equal(["BACKGROUND_Google", "Faces", "Faces_easy", "Leopards", "accordion"], pair.Classes.StaticClasses);
        Assert.Equal([0, 2, 3, 4], Enumerable.Range(0, 4).Select(pair.Classes.StaticLabelFor));
        Assert.Equal(["Faces"], pair.Classes.UnusedStaticClasses);
        Assert.Empty(pair.Classes.UnmatchedEventClasses);
        var image = pair.Dataset.LoadImage(pair.Dataset.Index(images.Path).Samples[0]);
        Assert.Equal(3, image.Channels);
    }

    [Fact]
    public void Class_names_match_across_case_and_separators_and_report_what_is_missing()
    {
        var map = CrossDomainClassMap.Build(["Faces_easy", "car side", "yin-yang", "unicorn"], ["faces_easy", "car_side", "yin_yang"]);

        Assert.Equal([0, 1, 2, -1], Enumerable.Range(0, 4).Select(map.StaticLabelFor));
        Assert.Equal(["unicorn"], map.UnmatchedEventClasses);
        Assert.Contains("unicorn", Assert.Throws<DatasetLayoutException>(() => CrossDomainClassMap.BuildComplete(["unicorn"], ["horse"])).Message);
    }

    [Fact]
    public void Cifar10dvs_splits_nine_to_one_by_numeric_id_or_by_the_tebn_rule()
    {
        using var root = new TempDirectory();
        foreach (var name in new[] { "airplane", "cat" })
            foreach (var i in new[] { 0, 1, 2, 10, 100, 101, 150, 200, 300, 999 })
                root.File($"CIFAR10-DVS/{name}/cifar10_{name}_{i}.aedat", Aedat2Writer.WriteSpikingJellyEvents(TestEvent.Random(i, 20, 128, 128)));

        var nineToOne = new Cifar10DvsDataset().Index(root.Path);
        var tebn = new Cifar10DvsDataset(tebnSplit: true).Index(root.Path);

        Assert.Equal(DatasetSplit.Test, nineToOne.Samples.Single(s => s.Id == "cat/cifar10_cat_999").Split);
        Assert.Equal(DatasetSplit.Train, nineToOne.Samples.Single(s => s.Id == "cat/cifar10_cat_300").Split);
        Assert.Equal(["cifar10_airplane_0", "cifar10_airplane_1", "cifar10_airplane_2", "cifar10_airplane_10"], nineToOne.Samples.Take(4).Select(s => s.Id.Split('/')[1]));
        Assert.Equal(8, tebn.Count(DatasetSplit.Test)); // ids 0, 1, 2, 10 in both classes
        Assert.Equal(3, nineToOne.Samples.Single(s => s.Id == "cat/cifar10_cat_2").Label);
        Assert.Equal(20, new Cifar10DvsDataset().LoadEvents(nineToOne.Samples[0]).Count);
    }

    [Fact]
    public void Dvs_gesture_index_cuts_trials_into_labelled_segments_by_the_official_trial_lists()
    {
        using var root = new TempDirectory();
        var events = TestEvent.Random(1, 3000, 128, 128, t0: 1_000_000, maxStep: 200);
        foreach (var trial in new[] { "user01_natural", "user24_led" })
        {
            root.File($"DvsGesture/{trial}.aedat", Aedat31Writer.Write(events));
            root.Text($"DvsGesture/{trial}_labels.csv", $"class,startTime_usec,endTime_usec\n1,{events[10].T},{events[500].T}\n8,{events[600].T},{events[900].T}\n8,{events[1000].T},{events[1500].T}\n");
        }
        root.Text("DvsGesture/trials_to_train.txt", "user01_natural.aedat\n");
        root.Text("DvsGesture/trials_to_test.txt", "user24_led.aedat\n");
        var dataset = new DvsGestureDataset();

        var index = dataset.Index(root.Path);

        Assert.Equal(3, index.Count(DatasetSplit.Train));
        Assert.Equal(3, index.Count(DatasetSplit.Test));
        Assert.Equal(["user01_natural/0_0", "user01_natural/7_0", "user01_natural/7_1"], index.In(DatasetSplit.Train).Select(s => s.Id));
        var second = dataset.LoadEvents(index.Samples[2]);
        EventAssert.Equal(events.Where(e => e.T >= events[1000].T && e.T < events[1500].T).ToList(), second);
        Assert.Equal(11, index.Classes.Count);
    }

    [Fact]
    public void Nomniglot_and_omniglot_share_class_names_and_the_drawer_split()
    {
        using var events = new TempDirectory();
        using var images = new TempDirectory();
        var recording = TestEvent.Random(3, 400, 346, 260, t0: 10, maxStep: 50);
        var csv = new StringBuilder("id,start,end\n");
        for (var k = 0; k < 20; k++) csv.Append($"{k},{recording[k * 20].T},{recording[k * 20 + 15].T}\n");
        var png = StaticWriters.Gradient(5, 5, SkiaSharp.SKEncodedImageFormat.Png);
        foreach (var (set, alphabet, character, id) in new[] { ("background", "Latin", "character01", 1), ("background", "Greek", "character02", 3), ("evaluation", "Atlantean", "character01", 965) })
        {
            events.File($"dvs_{set}/{alphabet}/{character}/{id:0000}.aedat4", Aedat4Writer.Write(recording));
            events.Text($"dvs_{set}/{alphabet}/{character}/{id:0000}.csv", csv.ToString());
            for (var d = 1; d <= 20; d++) images.File($"images_{set}/{alphabet}/{character}/{id:0000}_{d:00}.png", png);
        }
        var nomniglot = new NOmniglotDataset();

        var eventIndex = nomniglot.Index(events.Path);
        var imageIndex = new OmniglotDataset().Index(images.Path);

        Assert.Equal(["Greek/character02", "Latin/character01", "Atlantean/character01"], eventIndex.Classes);
        Assert.Equal(eventIndex.Classes, imageIndex.Classes);
        Assert.Equal(45, eventIndex.Count(DatasetSplit.Train));
        Assert.Equal(15, eventIndex.Count(DatasetSplit.Test));
        Assert.Equal(imageIndex.Samples.Select(s => (s.Id, s.Split)), eventIndex.Samples.Select(s => (s.Id, s.Split)));
        Assert.Equal(15, nomniglot.LoadEvents(eventIndex.Samples.Single(s => s.Id == "Latin/character01/04")).Count);
    }

    [Fact]
    public void Cep_dvs_splits_each_class_250_train_100_test_of_its_500_and_keeps_those_shares_for_other_counts()
    {
        using var root = new TempDirectory();
        var rows = new StringBuilder("index path a b superclass\n");
        for (var i = 0; i < 860; i++) rows.Append($"{i} data/img/{i}.png x y {(i < 500 ? "fish" : i < 855 ? "people" : "trees")}\n");
        root.Text("pathFile.csv", rows.ToString());
        root.File("data/MAT/img/0.mat", MatWriter.WriteCepDvs(TestEvent.Random(1, 40, 60, 50), compress: true));
        root.File("data/img/0.png", StaticWriters.Gradient(6, 6, SkiaSharp.SKEncodedImageFormat.Png));

        var index = new CepDvsDataset().Index(root.Path);
        var images = new CepDvsImagesDataset().Index(root.Path);

        Assert.Equal(250, index.Samples.Count(s => s.Label == 1 && s.Split == DatasetSplit.Train));
        Assert.Equal(100, index.Samples.Count(s => s.Label == 1 && s.Split == DatasetSplit.Test));
        Assert.Equal(150, index.Samples.Count(s => s.Label == 1 && s.Split == DatasetSplit.Unused));
        Assert.True(index.Samples.Where(s => s.Label == 1).Take(250).All(s => s.Split == DatasetSplit.Train));
        // 355 people: round(0.5 n) = 178 train, round(0.2 n) = 71 test; 5 trees: 2 and 1.
        Assert.Equal((178, 71, 106), (index.Samples.Count(s => s.Label == 14 && s.Split == DatasetSplit.Train),
            index.Samples.Count(s => s.Label == 14 && s.Split == DatasetSplit.Test), index.Samples.Count(s => s.Label == 14 && s.Split == DatasetSplit.Unused)));
        Assert.Equal((2, 1), (index.Samples.Count(s => s.Label == 17 && s.Split == DatasetSplit.Train), index.Samples.Count(s => s.Label == 17 && s.Split == DatasetSplit.Test)));
        Assert.Equal(40, new CepDvsDataset().LoadEvents(index.Samples[0]).Count);
        Assert.Equal(6, new CepDvsImagesDataset().LoadImage(images.Samples[0]).Width);
    }

    [Fact]
    public void Static_mnist_and_cifar10_index_their_files_and_load_images()
    {
        using var root = new TempDirectory();
        root.File("MNIST/raw/train-images-idx3-ubyte", StaticWriters.Idx(Enumerable.Range(0, 3 * 784).Select(i => (byte)i).ToArray(), 3, 28, 28));
        root.File("MNIST/raw/train-labels-idx1-ubyte", StaticWriters.Idx([5, 0, 4], 3));
        root.File("cifar-10-batches-bin/data_batch_1.bin", StaticWriters.Cifar10(6, 9));
        root.File("cifar-10-batches-bin/test_batch.bin", StaticWriters.Cifar10(3));
        var mnist = IdxImageDataset.Mnist();
        var cifar = new Cifar10Dataset();

        var digits = mnist.Index(root.Path);
        var objects = cifar.Index(root.Path);

        Assert.Equal([5, 0, 4], digits.Samples.Select(s => s.Label));
        Assert.Equal((byte)(784 % 256), mnist.LoadImage(digits.Samples[1])[0, 0, 0]);
        Assert.Equal([6, 9, 3], objects.Samples.Select(s => s.Label));
        Assert.Equal(DatasetSplit.Test, objects.Samples[2].Split);
        Assert.Equal(3, cifar.LoadImage(objects.Samples[1]).Channels);
    }

    [Fact]
    public void A_missing_dataset_folder_is_reported_with_the_expected_layout()
    {
        using var root = new TempDirectory();

        var error = Assert.Throws<DatasetLayoutException>(() => new NCaltech101Dataset().Index(root.Path));

        Assert.Contains("Caltech101/<class>/image_NNNN.bin", error.Message);
    }

    [Fact]
    public void Validation_split_is_carved_from_train_per_class_and_is_deterministic()
    {
        using var root = new TempDirectory();
        DatasetTrees.NMnist(root, perDigit: 10);
        var index = new NMnistDataset().Index(root.Path);

        var a = index.WithValidation(0.2, seed: 7);
        var b = new NMnistDataset().Index(root.Path).WithValidation(0.2, seed: 7);
        var c = index.WithValidation(0.2, seed: 8);

        Assert.Equal(20, a.Count(DatasetSplit.Validation));
        Assert.All(Enumerable.Range(0, 10), digit => Assert.Equal(2, a.Samples.Count(s => s.Label == digit && s.Split == DatasetSplit.Validation)));
        Assert.Equal(index.Count(DatasetSplit.Test), a.Count(DatasetSplit.Test));
        Assert.All(a.In(DatasetSplit.Validation), s => Assert.StartsWith("Train/", s.Id));
        Assert.Equal(a.In(DatasetSplit.Validation).Select(s => s.Id), b.In(DatasetSplit.Validation).Select(s => s.Id));
        Assert.NotEqual(a.In(DatasetSplit.Validation).Select(s => s.Id), c.In(DatasetSplit.Validation).Select(s => s.Id));
    }

    private sealed class FakeDemo : IEventDatasetDefinition
    {
        public string Name => "demo";

        public DatasetDomain Domain => DatasetDomain.Event;

        public string Description => "test stand-in";

        public string ExpectedLayout => "(generated)";

        public SensorSize? Size => SensorSize.NMnist;

        public string? PairedDataset => "fashion-mnist";

        public Snnsweep.Trainer.Data.Frames.FrameIntegrationSettings DefaultFrames => Snnsweep.Trainer.Data.Frames.FrameIntegrationSettings.SpikingJellyNumber(8);

        public DatasetIndex Index(string root) => new(Name, ["a"], []);

        public EventStream LoadEvents(DatasetSample sample) => EventStream.Empty(34, 34);
    }
}
