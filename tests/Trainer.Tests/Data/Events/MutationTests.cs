using SkiaSharp;
using Snnsweep.Tests.DatasetFixtures;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Static;

namespace Snnsweep.Trainer.Tests.Data.Events;

/// <summary>
/// Feeds every reader at least 1,200 truncated, bit-flipped and overwritten variants of small valid files. A reader may
/// accept a variant or reject it with <see cref="DatasetFormatException"/>; anything else (IndexOutOfRange, overflow,
/// OutOfMemory...) fails the test. Each parse must allocate no more than a bound proportional to the file's size, and
/// the whole run must finish (a hang guard, not a timing assertion).
/// </summary>
public sealed class MutationTests
{
    private const int VariantsPerReader = 1200;

    /// <param name="BytesPerInputByte">Allocation bound per input byte (AEDAT 4 and MAT inflate compressed payloads).</param>
    /// <param name="Lenient">Formats where almost any body is valid (AEDAT 2: every 8 bytes is an event, trailing bytes ignored).</param>
    private sealed record ReaderUnderTest(string Name, Func<byte[][]> ValidFiles, Action<byte[]> Parse, long BytesPerInputByte, bool Lenient = false);

    private static readonly Dictionary<string, ReaderUnderTest> Readers = new ReaderUnderTest[]
    {
        new("atis", () => [AtisBinWriter.Write(TestEvent.Random(1, 400, 34, 34)), .. Real("nmnist/slayer_NMNISTsmall/4.bs2")], b => AtisBinReader.Parse(b, "m", SensorSize.NMnist), 64),
        new("aedat2", () => [Aedat2Writer.WriteSpikingJellyEvents(TestEvent.Random(2, 300, 128, 128)), .. Real("aedat2-dvs128/tonic_sample_aedat_header.aedat")], b => Aedat2Reader.Parse(b, "m"), 64, Lenient: true),
        new("aedat3.1", () => [Aedat31Writer.Write(TestEvent.Random(3, 300, 128, 128, t0: (1L << 31) - 2000), eventsPerPacket: 50)], b => Aedat31Reader.Parse(b, "m"), 64),
        new("aedat4", () => [Aedat4Writer.Write(TestEvent.Random(4, 300, 346, 260, t0: 1_600_000_000_000_000), new Aedat4Writer.Options(EventsPerPacket: 60)),
            Aedat4Writer.Write(TestEvent.Random(5, 100, 128, 128), new Aedat4Writer.Options(Width: 128, Height: 128, Compression: 0))], b => Aedat4Reader.Parse(b, "m"), 2048),
        new("cep-dvs-mat", () => [MatWriter.WriteCepDvs(TestEvent.Random(6, 200, 100, 80), compress: true), MatWriter.WriteCepDvs(TestEvent.Random(7, 100, 100, 80), compress: false)],
            b => CepDvsReader.Parse(b, "m"), 8192),
        new("prophesee-dat", () => [PropheseeWriter.Dat(TestEvent.Random(8, 300, 304, 240)), .. Real("prophesee/tonic_sample_ncars.dat")], b => PropheseeDatReader.Parse(b, "m"), 64),
        new("evt2", () => [PropheseeWriter.Evt2(TestEvent.Random(9, 300, 640, 480))], b => Evt2Reader.Parse(b, "m"), 64),
        new("evt3", () => [PropheseeWriter.Evt3(TestEvent.Random(10, 300, 1280, 720)), .. Real("prophesee/expelliarmus_evt3_sample.raw")], b => Evt3Reader.Parse(b, "m"), 256),
        new("gesture-labels", () => ["class,startTime_usec,endTime_usec\n1,53036986,59508469\n8,132355007,141594080\n8,142355542,148751823\n"u8.ToArray()],
            b => DvsGestureLabels.Parse(b, "m"), 1024),
        new("nomniglot-csv", () => ["id,start,end\n0,100,200\n1,300,400\n2,500,650\n"u8.ToArray()], b => NOmniglotReader.ParseBoundaries(b, "m"), 1024),
        new("idx", () => [StaticWriters.Idx(Enumerable.Range(0, 3 * 28 * 28).Select(i => (byte)i).ToArray(), 3, 28, 28)], b => IdxReader.Parse(b, "m"), 64),
        new("cifar10", () => [StaticWriters.Cifar10(3, 9)], b => Cifar10BinaryReader.Parse(b, "m"), 64),
        new("png", () => [StaticWriters.Gradient(12, 10, SKEncodedImageFormat.Png)], b => ImageFileDecoder.Decode(b, "m"), 1 << 20),
        new("jpeg", () => [StaticWriters.Gradient(16, 16, SKEncodedImageFormat.Jpeg, quality: 90)], b => ImageFileDecoder.Decode(b, "m"), 1 << 20),
    }.ToDictionary(r => r.Name);

    public static TheoryData<string> ReaderNames => new(Readers.Keys);

    [Theory]
    [MemberData(nameof(ReaderNames))]
    public async Task Reader_survives_truncated_and_corrupted_files_with_only_dataset_format_exceptions(string reader)
    {
        var subject = Readers[reader];
        var originals = subject.ValidFiles();
        foreach (var original in originals) subject.Parse(original); // the seeds themselves are valid

        var failures = new List<string>();
        var rejected = 0;
        var run = Task.Factory.StartNew(() =>
        {
            var rng = new Random(reader.GetHashCode(StringComparison.Ordinal) ^ 12345);
            for (var i = 0; i < VariantsPerReader; i++)
            {
                var original = originals[i % originals.Length];
                var (variant, description) = Mutate(original, i, rng);
                var before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    subject.Parse(variant);
                }
                catch (DatasetFormatException)
                {
                    rejected++;
                }
                catch (Exception e)
                {
                    failures.Add($"variant {i} ({description}): {e.GetType().Name}: {e.Message}");
                }
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                var bound = subject.BytesPerInputByte * Math.Max(variant.Length, 1) + (4 << 20);
                if (allocated > bound) failures.Add($"variant {i} ({description}): allocated {allocated} bytes for a {variant.Length}-byte file (bound {bound})");
            }
        }, TaskCreationOptions.LongRunning);

        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromMinutes(2))) == run;
        Assert.True(finished, $"{reader}: mutation run did not finish (a variant hangs the reader)");
        await run;
        Assert.True(failures.Count == 0, $"{reader}: {failures.Count} bad outcomes, e.g.\n{string.Join("\n", failures.Take(10))}");
        Assert.True(rejected > (subject.Lenient ? 0 : VariantsPerReader / 20), $"{reader}: only {rejected} variants were rejected; the mutations are not reaching the parser");
    }

    private static (byte[] Bytes, string Description) Mutate(byte[] original, int i, Random rng)
    {
        var bytes = (byte[])original.Clone();
        switch (i % 4)
        {
            case 0:
            {
                var length = rng.Next(0, Math.Max(1, bytes.Length));
                return (bytes[..length], $"truncated to {length}");
            }
            case 1:
            {
                var flips = 1 + rng.Next(4);
                for (var k = 0; k < flips; k++)
                {
                    var at = HeaderBiasedPosition(bytes.Length, rng);
                    bytes[at] ^= (byte)(1 << rng.Next(8));
                }
                return (bytes, $"{flips} bit flips");
            }
            case 2:
            {
                var at = HeaderBiasedPosition(bytes.Length, rng);
                var fill = new byte[] { 0xFF, 0x00, 0x7F, 0x80 }[rng.Next(4)];
                for (var k = at; k < Math.Min(bytes.Length, at + 4); k++) bytes[k] = fill;
                return (bytes, $"4 bytes at {at} set to 0x{fill:x2}");
            }
            default:
            {
                var at = rng.Next(bytes.Length);
                var length = rng.Next(at + 1, bytes.Length + 1);
                var flipped = bytes[..length];
                flipped[at] = (byte)rng.Next(256);
                return (flipped, $"byte {at} randomised and truncated to {length}");
            }
        }
    }

    /// <summary>Half the mutations land in the first 160 bytes, where headers and packet descriptors live.</summary>
    private static int HeaderBiasedPosition(int length, Random rng) =>
        rng.Next(2) == 0 ? rng.Next(Math.Min(length, 160)) : rng.Next(length);

    private static byte[][] Real(string relative) =>
        SampleFiles.Available && File.Exists(SampleFiles.PathOf(relative)) ? [File.ReadAllBytes(SampleFiles.PathOf(relative))] : [];
}
