using System.Buffers.Binary;
using Snnsweep.Tests.DatasetFixtures;
using Snnsweep.Trainer.Data.Events;

namespace Snnsweep.Trainer.Tests.Data.Events;

/// <summary>The readers decode the real files in ../shared/samples to the counts, timestamps and events their READMEs document.</summary>
public sealed class RealSampleDecodingTests
{
    [SamplesFact]
    public void Atis_reader_decodes_the_tonic_nmnist_sample()
    {
        var events = AtisBinReader.Read(SampleFiles.PathOf("nmnist/tonic_sample_nmnist.bin"), SensorSize.NMnist);

        Assert.Equal(4325, events.Count);
        Assert.Equal(2145, events.P.Count(p => p == 1));
        Assert.Equal(654, events.T[0]);
        Assert.Equal(311175, events.T[^1]);
        Assert.Equal(new TestEvent(7, 15, 654, 1), EventAssert.At(events, 0));
        Assert.Equal(new TestEvent(19, 18, 2999, 0), EventAssert.At(events, 1));
        Assert.Equal(new TestEvent(21, 17, 3017, 0), EventAssert.At(events, 2));
        Assert.Equal(new TestEvent(21, 14, 311175, 1), EventAssert.At(events, 4324));
        Assert.Equal((34, 34), (events.Width, events.Height));
    }

    [SamplesTheory]
    [InlineData("1.bs2", 4681, 2328, 893, 305924, 18, 16, 1, 10, 10, 0)]
    [InlineData("2.bs2", 5028, 2509, 937, 305341, 10, 30, 1, 11, 17, 1)]
    [InlineData("3.bs2", 3307, 1640, 4231, 306195, 8, 16, 1, 21, 25, 1)]
    [InlineData("4.bs2", 2723, 1376, 105, 308710, 24, 10, 1, 32, 23, 1)]
    [InlineData("5.bs2", 3913, 1938, 1213, 309976, 0, 30, 1, 19, 26, 1)]
    [InlineData("6.bs2", 4921, 2436, 489, 308966, 5, 23, 0, 7, 15, 1)]
    [InlineData("8.bs2", 5520, 2728, 1138, 310333, 16, 9, 0, 30, 22, 1)]
    [InlineData("14.bs2", 4542, 2263, 3606, 309032, 15, 22, 0, 11, 23, 0)]
    [InlineData("16.bs2", 4138, 2049, 1253, 310336, 7, 15, 0, 17, 10, 0)]
    [InlineData("18.bs2", 4096, 2042, 1548, 309431, 1, 31, 1, 25, 18, 1)]
    public void Atis_reader_decodes_every_slayer_nmnist_sample(string file, int count, int on, long firstT, long lastT, int x0, int y0, int p0, int xn, int yn, int pn)
    {
        var events = AtisBinReader.Read(SampleFiles.PathOf("nmnist/slayer_NMNISTsmall/" + file));

        Assert.Equal(count, events.Count);
        Assert.Equal(on, events.P.Count(p => p == 1));
        Assert.Equal(new TestEvent(x0, y0, firstT, (byte)p0), EventAssert.At(events, 0));
        Assert.Equal(new TestEvent(xn, yn, lastT, (byte)pn), EventAssert.At(events, count - 1));
        Assert.All(events.X, x => Assert.InRange(x, 0, 33));
        Assert.All(events.Y, y => Assert.InRange(y, 0, 33));
    }

    [SamplesFact]
    public void Aedat2_reader_reads_the_header_only_davis_sample_as_zero_events_with_its_creation_time()
    {
        var bytes = File.ReadAllBytes(SampleFiles.PathOf("aedat2-dvs128/tonic_sample_aedat_header.aedat"));

        var header = Aedat2Reader.ParseHeader(bytes, "sample");
        var events = Aedat2Reader.Parse(bytes, "sample");

        Assert.Equal("2.0", header.Version);
        Assert.Equal(12, header.Lines.Count);
        Assert.Equal(1695355587880, header.CreationTimeMs);
        Assert.True(header.IsDavis);
        Assert.Equal(599, header.BodyOffset);
        Assert.Equal(0, events.Count);
        Assert.Equal((346, 260), (events.Width, events.Height));
    }

    [SamplesFact]
    public void Aedat4_reader_decodes_the_tonic_dvxplorer_sample()
    {
        var path = SampleFiles.PathOf("aedat4/tonic_sample.aedat4");
        var bytes = File.ReadAllBytes(path);

        var streams = Aedat4Reader.ReadStreams(bytes, path);
        var events = Aedat4Reader.Parse(bytes, path);

        Assert.Equal(["EVTS", "IMUS", "TRIG"], streams.OrderBy(s => s.Id).Select(s => s.TypeIdentifier));
        Assert.Equal(111954, events.Count);
        Assert.Equal(55023, events.P.Count(p => p == 1));
        Assert.Equal((320, 240), (events.Width, events.Height));
        Assert.Equal(319, events.X.Max());
        Assert.Equal(239, events.Y.Max());
        Assert.Equal(589917, events.T[^1] - events.T[0]);
        Assert.Equal(new TestEvent(154, 204, 1605537493718345, 0), EventAssert.At(events, 0));
        Assert.Equal(new TestEvent(149, 206, 1605537493718348, 0), EventAssert.At(events, 1));
        Assert.Equal(new TestEvent(148, 199, 1605537493718349, 1), EventAssert.At(events, 2));
        Assert.Equal(new TestEvent(139, 30, 1605537493718354, 0), EventAssert.At(events, 3));
        Assert.Equal(new TestEvent(130, 181, 1605537493718360, 1), EventAssert.At(events, 4));
        Assert.Equal(new TestEvent(88, 237, 1605537494308262, 1), EventAssert.At(events, events.Count - 1));
    }

    [SamplesFact]
    public void Dat_reader_decodes_the_tonic_ncars_sample()
    {
        var events = PropheseeDatReader.Read(SampleFiles.PathOf("prophesee/tonic_sample_ncars.dat"));

        Assert.Equal(2009, events.Count);
        Assert.Equal(0, events.T[0]);
        Assert.Equal(99952, events.T[^1]);
        Assert.Equal((77, 41), (events.X.Max(), events.Y.Max()));
        Assert.Equal(new TestEvent(25, 8, 0, 0), EventAssert.At(events, 0));
        Assert.Equal(new TestEvent(67, 35, 35, 0), EventAssert.At(events, 1));
        Assert.Equal(new TestEvent(56, 27, 152, 1), EventAssert.At(events, 2));
        Assert.Equal(new TestEvent(75, 28, 99952, 1), EventAssert.At(events, 2008));
    }

    [SamplesFact]
    public void Dat_reader_matches_the_expelliarmus_reference_decode_event_for_event()
    {
        var events = PropheseeDatReader.Read(SampleFiles.PathOf("prophesee/expelliarmus_dat_sample.dat"));
        var reference = ReadStructuredNpy(SampleFiles.PathOf("prophesee/expelliarmus_dat_sample.npy"));

        Assert.Equal(4407, events.Count);
        EventAssert.Equal(reference, events);
        Assert.Equal(new TestEvent(6, 18, 0, 1), EventAssert.At(events, 0));
        Assert.Equal(new TestEvent(48, 47, 99937, 1), EventAssert.At(events, 4406));
    }

    [SamplesFact]
    public void Evt3_reader_decodes_the_expelliarmus_sample_without_the_spurious_time_low_wrap()
    {
        var path = SampleFiles.PathOf("prophesee/expelliarmus_evt3_sample.raw");
        var events = Evt3Reader.Read(path);
        var reference = ReadStructuredNpy(SampleFiles.PathOf("prophesee/expelliarmus_evt3_sample.npy"));

        Assert.Equal(5000, events.Count);
        Assert.Equal(2894, events.P.Count(p => p == 1));
        Assert.Equal((1280, 720), (events.Width, events.Height));
        Assert.Equal(5840504, events.T[0]);
        Assert.Equal(5885714, events.T[^1]);
        Assert.True(events.T.Zip(events.T.Skip(1)).All(p => p.First <= p.Second));
        Assert.Equal(new TestEvent(707, 297, 5840504, 0), EventAssert.At(events, 0));
        Assert.Equal(new TestEvent(592, 301, 5840507, 0), EventAssert.At(events, 1));
        Assert.Equal(new TestEvent(997, 313, 5840511, 0), EventAssert.At(events, 2));
        Assert.Equal(new TestEvent(682, 283, 5840526, 1), EventAssert.At(events, 3));
        Assert.Equal(new TestEvent(150, 331, 5840526, 1), EventAssert.At(events, 4));
        Assert.Equal(new TestEvent(831, 272, 5840895, 0), EventAssert.At(events, 45));
        Assert.Equal(new TestEvent(547, 299, 5840925, 1), EventAssert.At(events, 48));
        Assert.Equal(new TestEvent(598, 260, 5885714, 0), EventAssert.At(events, 4999));
        // x, y, p agree with the bundled decode everywhere; its timestamps are the buggy ones and must differ.
        Assert.True(reference.Select(r => (r.X, r.Y, r.P)).SequenceEqual(Enumerable.Range(0, 5000).Select(i => (events.X[i], events.Y[i], events.P[i]))));
        Assert.NotEqual(reference[^1].T, events.T[^1]);
    }

    [SamplesFact]
    public void Evt2_reader_decodes_the_expelliarmus_gen3_sample()
    {
        var events = Evt2Reader.Read(SampleFiles.PathOf("prophesee/expelliarmus_evt2_sample.raw"));

        Assert.Equal(539481, events.Count);
        Assert.Equal(367855, events.P.Count(p => p == 1));
        Assert.Equal((640, 480), (events.Width, events.Height));
        Assert.Equal(1317888, events.T[0]);
        Assert.Equal(1367888, events.T[^1]);
        Assert.Equal((60, 599), (events.X.Min(), events.X.Max()));
        Assert.Equal((18, 475), (events.Y.Min(), events.Y.Max()));
        Assert.Equal(new TestEvent(237, 121, 1317888, 1), EventAssert.At(events, 0));
        Assert.Equal(new TestEvent(246, 121, 1317888, 1), EventAssert.At(events, 1));
        Assert.Equal(new TestEvent(256, 134, 1317888, 1), EventAssert.At(events, 4));
        Assert.Equal(new TestEvent(210, 142, 1367888, 1), EventAssert.At(events, events.Count - 1));
    }

    [SamplesFact]
    public void Gesture_label_reader_keeps_the_real_csv_rows_in_file_order_with_repeated_classes()
    {
        var segments = DvsGestureLabels.Read(SampleFiles.PathOf("dvs-gesture/user01_natural_labels.csv"));

        Assert.Equal(12, segments.Count);
        Assert.Equal([1, 2, 3, 5, 4, 6, 7, 8, 8, 9, 10, 11], segments.Select(s => s.ClassId));
        Assert.Equal(new GestureSegment(1, 53036986, 59508469, 0), segments[0]);
        Assert.Equal(new GestureSegment(8, 142355542, 148751823, 1), segments[8]);
        Assert.Equal(7, segments[8].Label);
        Assert.Equal(177991967, segments[^1].EndUs);
    }

    [SamplesTheory]
    [InlineData("nmnist/tonic_sample_nmnist.bin", EventFormat.Atis)]
    [InlineData("nmnist/slayer_NMNISTsmall/1.bs2", EventFormat.Atis)]
    [InlineData("aedat2-dvs128/tonic_sample_aedat_header.aedat", EventFormat.Aedat2)]
    [InlineData("aedat4/tonic_sample.aedat4", EventFormat.Aedat4)]
    [InlineData("prophesee/tonic_sample_ncars.dat", EventFormat.PropheseeDat)]
    [InlineData("prophesee/expelliarmus_evt2_sample.raw", EventFormat.Evt2)]
    [InlineData("prophesee/expelliarmus_evt3_sample.raw", EventFormat.Evt3)]
    public void Sniffer_recognises_every_real_sample(string file, EventFormat expected)
    {
        var path = SampleFiles.PathOf(file);
        Assert.Equal(expected, EventFormatSniffer.Sniff(File.ReadAllBytes(path), path));
    }

    /// <summary>Reads the samples' NumPy v1 structured arrays: fields t (int64), x (int16), y (int16), p (uint8), packed.</summary>
    private static List<TestEvent> ReadStructuredNpy(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0x93, bytes[0]);
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        var header = System.Text.Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'t', '<i8'", header);
        var data = bytes.AsSpan(10 + headerLength);
        var rows = new List<TestEvent>();
        for (var at = 0; at + 13 <= data.Length; at += 13)
            rows.Add(new TestEvent(BinaryPrimitives.ReadInt16LittleEndian(data[(at + 8)..]), BinaryPrimitives.ReadInt16LittleEndian(data[(at + 10)..]),
                BinaryPrimitives.ReadInt64LittleEndian(data[at..]), data[at + 12]));
        return rows;
    }
}
