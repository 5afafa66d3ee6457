using Snnsweep.Tests.DatasetFixtures;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Data.Events;

namespace Snnsweep.Trainer.Tests.Data.Events;

/// <summary>Every reader decodes files written in exactly the released layout, including the format's corner cases.</summary>
public sealed class GeneratedFileDecodingTests
{
    [Fact]
    public void Atis_reader_round_trips_ncaltech101_sized_events_and_rejects_a_truncated_record()
    {
        var events = TestEvent.Random(1, 3000, 240, 180, t0: 100);
        var bytes = AtisBinWriter.Write(events);

        EventAssert.Equal(events, AtisBinReader.Parse(bytes, "gen.bin", SensorSize.NCaltech101));
        var error = Assert.Throws<DatasetFormatException>(() => AtisBinReader.Parse(bytes.AsSpan(0, bytes.Length - 2), "cut.bin"));
        Assert.Equal("cut.bin", error.File);
        Assert.Equal(bytes.Length - 5, error.Offset);
    }

    [Fact]
    public void Atis_reader_applies_the_legacy_y240_overflow_marker_and_drops_it()
    {
        var bytes = AtisBinWriter.Write([new TestEvent(1, 2, 10, 1), new TestEvent(0, 240, 0, 0), new TestEvent(3, 4, 5, 0)]);

        var events = AtisBinReader.Parse(bytes, "marker.bin");

        EventAssert.Equal([new TestEvent(1, 2, 10, 1), new TestEvent(3, 4, 5 + 8192, 0)], events);
    }

    [Fact]
    public void Atis_reader_sizes_the_sensor_from_the_sample_when_none_is_given_and_rejects_out_of_sensor_events()
    {
        var bytes = AtisBinWriter.Write([new TestEvent(10, 3, 1, 1), new TestEvent(40, 7, 2, 0)]);

        var events = AtisBinReader.Parse(bytes, "a.bin");

        Assert.Equal((41, 8), (events.Width, events.Height));
        var error = Assert.Throws<DatasetFormatException>(() => AtisBinReader.Parse(bytes, "a.bin", SensorSize.NMnist));
        Assert.Equal(5, error.Offset);
    }

    [Theory]
    [InlineData(Dvs128AddressConvention.SpikingJelly, 127 - 9, 127 - 5)]
    [InlineData(Dvs128AddressConvention.Jaer, 127 - 5, 9)]
    [InlineData(Dvs128AddressConvention.Tonic, 9, 5)]
    public void Aedat2_reader_maps_dvs128_addresses_with_the_chosen_convention(Dvs128AddressConvention convention, int x, int y)
    {
        var bytes = Aedat2Writer.Write([(Aedat2Writer.Dvs128Address(xRaw: 5, yRaw: 9, on: 1), 41_300_000u), (Aedat2Writer.Dvs128Address(5, 9, on: 0), 41_300_010u)]);

        var events = Aedat2Reader.Parse(bytes, "c.aedat", convention);

        EventAssert.Equal([new TestEvent(x, y, 41_300_000, 1), new TestEvent(x, y, 41_300_010, 0)], events);
        Assert.Equal((128, 128), (events.Width, events.Height));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    public void Aedat2_reader_round_trips_cifar10dvs_events_with_either_line_ending_and_ignores_a_trailing_partial_record(string newline)
    {
        var events = TestEvent.Random(2, 2000, 128, 128, t0: 41_300_000);
        var records = events.Select(e => (Aedat2Writer.Dvs128Address(127 - e.Y, 127 - e.X, e.P), (uint)e.T));
        var bytes = Aedat2Writer.Write(records, newline: newline).Concat(new byte[] { 0, 1, 2 }).ToArray();

        EventAssert.Equal(events, Aedat2Reader.Parse(bytes, "c.aedat"));
    }

    [Fact]
    public void Aedat2_reader_decodes_davis_addresses_and_skips_aps_and_imu_words()
    {
        uint Davis(int x, int y, int p) => (uint)((y << 22) | (x << 12) | (p << 11));
        var bytes = Aedat2Writer.Write([(Davis(300, 200, 1), 5u), (0x8000_0000u | Davis(1, 1, 0), 6u), (Davis(2, 3, 0) | 0x400u, 7u), (Davis(345, 259, 0), 8u)],
            chip: "eu.seebetter.ini.chips.davis.Davis346red");

        EventAssert.Equal([new TestEvent(300, 200, 5, 1), new TestEvent(345, 259, 8, 0)], Aedat2Reader.Parse(bytes, "d.aedat"));
    }

    [Fact]
    public void Aedat2_reader_refuses_another_aedat_version_and_non_aedat_files()
    {
        var v1 = System.Text.Encoding.ASCII.GetBytes("#!AER-DAT1.0\r\n# old\r\n");
        Assert.Contains("1.0", Assert.Throws<DatasetFormatException>(() => Aedat2Reader.Parse(v1, "old.aedat")).Problem);
        Assert.Equal(0, Assert.Throws<DatasetFormatException>(() => Aedat2Reader.Parse(new byte[40], "zeros.aedat")).Offset);
    }

    [Fact]
    public void Aedat31_reader_round_trips_gesture_events_across_the_timestamp_overflow_and_skips_other_packets()
    {
        var before = TestEvent.Random(3, 500, 128, 128, t0: (1L << 31) - 5000);
        var events = before.Concat(TestEvent.Random(4, 500, 128, 128, t0: before[^1].T + 1)).ToArray();
        Assert.Contains(events, e => e.T >= 1L << 31);

        var decoded = Aedat31Reader.Parse(Aedat31Writer.Write(events, eventsPerPacket: 77, extraCapacity: 3), "g.aedat");

        EventAssert.Equal(events, decoded);
    }

    [Fact]
    public void Aedat31_reader_keeps_invalid_events_like_spikingjelly_unless_asked_to_skip_them()
    {
        var payload = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(payload, (5u << 17) | (6u << 2) | 2u | 1u);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(4), 100);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(payload.AsSpan(8), (7u << 17) | (8u << 2)); // valid mark clear
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(payload.AsSpan(12), 200);
        var header = "#!AER-DAT3.1\r\n#!END-HEADER\r\n"u8.ToArray();
        var bytes = header.Concat(Aedat31Writer.Packet(1, 8, 4, 0, payload, 2, 1)).ToArray();

        Assert.Equal(2, Aedat31Reader.Parse(bytes, "v.aedat").Count);
        EventAssert.Equal([new TestEvent(5, 6, 100, 1)], Aedat31Reader.Parse(bytes, "v.aedat", skipInvalidEvents: true));
    }

    [Fact]
    public void Aedat31_reader_names_the_offset_of_a_packet_that_claims_more_bytes_than_remain()
    {
        var bytes = Aedat31Writer.Write(TestEvent.Random(5, 10, 128, 128), insertSpecialPackets: false);
        var headerEnd = bytes.Length - 28 - 80;
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(headerEnd + 16), 1_000_000); // capacity

        var error = Assert.Throws<DatasetFormatException>(() => Aedat31Reader.Parse(bytes, "big.aedat"));

        Assert.Equal(headerEnd, error.Offset);
        Assert.Contains("payload", error.Problem);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(1, true)]
    [InlineData(0, false)]
    public void Aedat4_reader_round_trips_nomniglot_sized_events_through_lz4_or_raw_packets(int compression, bool blockChecksums)
    {
        var events = TestEvent.Random(6, 1500, 346, 260, t0: 1_605_537_493_718_345);

        var bytes = Aedat4Writer.Write(events, new Aedat4Writer.Options(Compression: compression, BlockChecksums: blockChecksums, EventsPerPacket: 333));
        var decoded = Aedat4Reader.Parse(bytes, "n.aedat4");

        EventAssert.Equal(events, decoded);
        Assert.Equal((346, 260), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Aedat4_reader_selects_the_events_stream_by_type_not_by_id_zero()
    {
        var events = TestEvent.Random(7, 50, 128, 128, t0: 10);

        var bytes = Aedat4Writer.Write(events, new Aedat4Writer.Options(Width: 128, Height: 128, EventStreamId: 5));

        EventAssert.Equal(events, Aedat4Reader.Parse(bytes, "s.aedat4"));
    }

    [Fact]
    public void Aedat4_reader_refuses_zstd_files_with_a_clear_message()
    {
        var bytes = Aedat4Writer.Write(TestEvent.Random(8, 10, 346, 260), new Aedat4Writer.Options(Compression: 3));

        Assert.Contains("zstd", Assert.Throws<DatasetFormatException>(() => Aedat4Reader.Parse(bytes, "z.aedat4")).Problem);
    }

    [Fact]
    public void Lz4_decoder_inflates_frames_with_overlapping_matches_and_stored_blocks()
    {
        var data = new byte[5000];
        for (var i = 0; i < data.Length; i++) data[i] = (byte)(i < 2000 ? 7 : i % 13 == 0 ? i : 3);

        Assert.Equal(data, Lz4FrameDecoder.Decode(Lz4FrameWriter.Write(data, blockSize: 1024), 1 << 20, "x", 0));
        Assert.Equal(data, Lz4FrameDecoder.Decode(Lz4FrameWriter.Write(data, storeUncompressed: true, contentSize: true), 1 << 20, "x", 0));
        Assert.True(Lz4FrameWriter.Write(data).Length < data.Length / 4);
    }

    [Fact]
    public void Lz4_decoder_refuses_output_beyond_its_cap()
    {
        var frame = Lz4FrameWriter.Write(new byte[60_000]);

        Assert.Contains("inflates", Assert.Throws<DatasetFormatException>(() => Lz4FrameDecoder.Decode(frame, 10_000, "bomb", 0)).Problem);
    }

    [Fact]
    public void Nomniglot_reader_cuts_a_character_recording_into_its_drawers_by_the_csv_boundaries()
    {
        using var temp = new TempDirectory();
        var events = TestEvent.Random(9, 2000, 346, 260, t0: 1_000_000, maxStep: 100);
        var boundaries = Enumerable.Range(0, 20).Select(k => (Start: events[k * 100].T, End: events[k * 100 + 90].T)).ToList();
        var aedat = temp.File("0001.aedat4", Aedat4Writer.Write(events));
        var csv = temp.Text("0001.csv", "index,start,end\n" + string.Join("\n", boundaries.Select((b, k) => $"{k},{b.Start},{b.End}")) + "\n");

        var samples = NOmniglotReader.ReadCharacter(aedat, csv);

        Assert.Equal(20, samples.Count);
        for (var k = 0; k < 20; k++)
        {
            var expected = events.Where(e => e.T >= boundaries[k].Start && e.T < boundaries[k].End).ToList();
            EventAssert.Equal(expected, samples[k]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Cep_dvs_reader_decodes_matlab_files_plain_or_compressed_and_maps_minus_one_to_off(bool compress)
    {
        var events = TestEvent.Random(10, 800, 120, 90, t0: 5);

        var decoded = CepDvsReader.Parse(MatWriter.WriteCepDvs(events, compress), "1.mat");

        EventAssert.Equal(events, decoded);
        Assert.Equal((events.Max(e => e.X) + 1, events.Max(e => e.Y) + 1), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Cep_dvs_reader_names_a_missing_variable()
    {
        var bytes = MatWriter.Write([("x", [1.0], MatWriter.Storage.Double)], compress: false);

        Assert.Contains("'y'", Assert.Throws<DatasetFormatException>(() => CepDvsReader.Parse(bytes, "m.mat")).Problem);
    }

    [Fact]
    public void Dat_reader_round_trips_events_and_unwraps_32_bit_timestamps()
    {
        var events = new[] { new TestEvent(1, 2, 4_294_967_000, 1), new TestEvent(3, 4, 4_294_967_290, 0), new TestEvent(5, 6, 4_294_967_296 + 10, 1) };
        var written = PropheseeWriter.Dat(events.Select(e => e with { T = e.T & 0xFFFF_FFFF }));

        var decoded = PropheseeDatReader.Parse(written, "w.dat");

        EventAssert.Equal(events, decoded);
        Assert.Equal((304, 240), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void Evt2_reader_round_trips_events_across_time_high_words_and_skips_triggers()
    {
        var events = TestEvent.Random(11, 3000, 640, 480, t0: 1_317_888);

        EventAssert.Equal(events, Evt2Reader.Parse(PropheseeWriter.Evt2(events), "e.raw"));
    }

    [Fact]
    public void Evt3_reader_round_trips_events_and_counts_time_high_wraps()
    {
        var events = TestEvent.Random(12, 2000, 1280, 720, t0: (1L << 24) - 30_000, maxStep: 60);
        Assert.Contains(events, e => e.T >= 1L << 24);

        EventAssert.Equal(events, Evt3Reader.Parse(PropheseeWriter.Evt3(events), "e.raw"));
    }

    [Fact]
    public void Evt3_reader_expands_vector_words_from_the_base_x()
    {
        var words = new List<byte>("% evt 3.0\n% end\n"u8.ToArray());
        PropheseeWriter.Word16(words, 0x8000 | 1);          // TIME_HIGH 1
        PropheseeWriter.Word16(words, 0x6000 | 5);          // TIME_LOW 5
        PropheseeWriter.Word16(words, 40);                  // ADDR_Y 40
        PropheseeWriter.Word16(words, 0x3000 | 1 << 11 | 100); // VECT_BASE_X ON, x = 100
        PropheseeWriter.Word16(words, 0x4000 | 0b1000_0000_0101); // VECT_12: bits 0, 2, 11
        PropheseeWriter.Word16(words, 0x5000 | 0b0000_0011);      // VECT_8 from x = 112: bits 0, 1

        var events = Evt3Reader.Parse(words.ToArray(), "v.raw");

        var t = (1L << 12) | 5;
        EventAssert.Equal([new TestEvent(100, 40, t, 1), new TestEvent(102, 40, t, 1), new TestEvent(111, 40, t, 1), new TestEvent(112, 40, t, 1), new TestEvent(113, 40, t, 1)], events);
    }

    [Fact]
    public void Readers_sort_out_of_order_files_stably_by_time()
    {
        var bytes = AtisBinWriter.Write([new TestEvent(1, 1, 50, 1), new TestEvent(2, 2, 10, 0), new TestEvent(3, 3, 50, 0), new TestEvent(4, 4, 20, 1)]);

        EventAssert.Equal([new TestEvent(2, 2, 10, 0), new TestEvent(4, 4, 20, 1), new TestEvent(1, 1, 50, 1), new TestEvent(3, 3, 50, 0)], AtisBinReader.Parse(bytes, "o.bin"));
    }

    [Theory]
    [InlineData("x.aedat4", EventFormat.Aedat4)]
    [InlineData("x.aedat", EventFormat.Aedat31)]
    [InlineData("x.dat", EventFormat.PropheseeDat)]
    [InlineData("x.mat", EventFormat.CepDvsMat)]
    [InlineData("x.raw", EventFormat.Evt3)]
    public void Sniffer_recognises_generated_files_by_content(string name, EventFormat expected)
    {
        var events = TestEvent.Random(13, 20, 100, 100);
        var bytes = expected switch
        {
            EventFormat.Aedat4 => Aedat4Writer.Write(events),
            EventFormat.Aedat31 => Aedat31Writer.Write(events),
            EventFormat.PropheseeDat => PropheseeWriter.Dat(events),
            EventFormat.CepDvsMat => MatWriter.WriteCepDvs(events, compress: true),
            _ => PropheseeWriter.Evt3(events),
        };

        Assert.Equal(expected, EventFormatSniffer.Sniff(bytes, name));
        EventAssert.Equal(events, EventFileReader.Parse(bytes, name, expected));
    }

    [Fact]
    public void Sniffer_refuses_unknown_bytes_and_suggests_the_format_option()
    {
        Assert.Contains("--format", Assert.Throws<DatasetFormatException>(() => EventFormatSniffer.Sniff("hello world"u8, "notes.txt")).Problem);
    }
}
