using Snnsweep.Trainer.Data.Demo;
using Snnsweep.Trainer.Data.Static;

namespace Snnsweep.Trainer.Tests.Data;

public sealed class SaccadeEmulatorTests
{
    private static readonly IdxFile Images = IdxReader.Read(Path.Combine(DemoDataset.BundledDirectory, "t10k-images-idx3-ubyte.gz"));

    private static ReadOnlySpan<byte> Image(int index) => Images.Data.AsSpan(index * 784, 784);

    [Fact]
    public void Event_count_over_time_shows_three_saccade_humps()
    {
        // Sum 40 recordings into 5 ms bins, as event-data.md §4.1 measured real N-MNIST.
        var bins = new long[63];
        for (var i = 0; i < 40; i++)
        {
            var events = DemoDataset.Record(Image(i), seed: i);
            foreach (var t in events.T) bins[Math.Min(62, t / 5000)]++;
        }
        long Window(int fromMs, int toMs) => bins[(fromMs / 5)..(toMs / 5)].Sum();

        // Humps mid-saccade, troughs where one saccade stops and the next starts (105 and 210 ms) and at the end.
        var humps = new[] { Window(35, 70), Window(140, 175), Window(245, 280) };
        var troughs = new[] { Window(95, 115), Window(200, 220), Window(305, 315) * 3.5 };
        Assert.All(humps, hump => Assert.True(hump > 2.5 * troughs.Max(), $"humps {string.Join(",", humps)} troughs {string.Join(",", troughs)}"));
    }

    [Fact]
    public void Recordings_look_like_nmnist_samples()
    {
        for (var i = 0; i < 10; i++)
        {
            var events = DemoDataset.Record(Image(i), seed: i);
            var on = events.P.Count(p => p == 1);

            Assert.InRange(events.Count, 1000, 12000);
            Assert.InRange(on / (double)(events.Count - on), 0.6, 1.6);
            Assert.All(events.X, x => Assert.InRange(x, 0, 33));
            Assert.All(events.Y, y => Assert.InRange(y, 0, 33));
            Assert.InRange(events.T[^1], 250_000, 315_000);
            Assert.True(events.T.Zip(events.T.Skip(1)).All(pair => pair.First <= pair.Second), "timestamps must be sorted");
        }
    }

    [Fact]
    public void A_recording_is_reproducible_for_a_seed()
    {
        var first = DemoDataset.Record(Image(3), seed: 42);
        var second = DemoDataset.Record(Image(3), seed: 42);
        var otherSeed = DemoDataset.Record(Image(3), seed: 43);

        Assert.Equal(first.T, second.T);
        Assert.Equal(first.X, second.X);
        Assert.Equal(first.P, second.P);
        Assert.NotEqual(first.T, otherSeed.T);
    }

    [Fact]
    public void Brightening_edges_emit_on_events_and_darkening_edges_off_events()
    {
        // A bright vertical bar (columns 10..13, every row) moves 3.5 px right during the first saccade: pixels it
        // arrives on only brighten, pixels it leaves only darken. Rows near the image border are left out, since
        // the simultaneous downward motion changes them too.
        var bar = new byte[28 * 28];
        for (var y = 0; y < 28; y++)
        for (var x = 10; x < 14; x++) bar[y * 28 + x] = 255;
        var emulator = new SaccadeEmulator(new SaccadeEmulatorOptions { ThresholdSigma = 0 });

        var events = emulator.Record(bar, 28, 28, seed: 1);
        var firstSaccade = Enumerable.Range(0, events.Count).Where(i => events.T[i] < 105_000 && events.Y[i] is >= 9 and <= 26).ToArray();
        var arriving = firstSaccade.Where(i => events.X[i] is >= 15 and <= 19).ToArray();
        var leaving = firstSaccade.Where(i => events.X[i] <= 12).ToArray();

        Assert.NotEmpty(arriving);
        Assert.NotEmpty(leaving);
        Assert.All(arriving, i => Assert.Equal(1, events.P[i]));
        Assert.All(leaving, i => Assert.Equal(0, events.P[i]));
    }

    [Fact]
    public void Shot_noise_adds_events_at_the_requested_rate()
    {
        var blank = new byte[28 * 28];
        var emulator = new SaccadeEmulator(new SaccadeEmulatorOptions { NoiseHz = 5 });

        var events = emulator.Record(blank, 28, 28, seed: 5);

        // 1,156 pixels x 5 Hz x 0.315 s = 1,821 expected; a Poisson count stays well within +-10 %.
        Assert.InRange(events.Count, 1640, 2000);
    }
}
