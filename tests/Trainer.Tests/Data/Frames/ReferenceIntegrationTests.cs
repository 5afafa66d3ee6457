using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Frames;

namespace Snnsweep.Trainer.Tests.Data.Frames;

/// <summary>
/// Reproduces the SpikingJelly and Tonic reference numbers of samples/nmnist/README.md on tonic_sample_nmnist.bin
/// (T = 10, 34x34, channel 0 = OFF, 1 = ON): index ranges, per-frame sums, maxima, and the BrainCog resize.
/// </summary>
public sealed class ReferenceIntegrationTests
{
    private static EventStream Sample() => AtisBinReader.Read(SampleFiles.PathOf("nmnist/tonic_sample_nmnist.bin"), SensorSize.NMnist);

    private static (int Off, int On)[] Sums(FrameTensor frames) =>
        Enumerable.Range(0, frames.Frames).Select(k => ((int)frames.Sum(k, 0), (int)frames.Sum(k, 1))).ToArray();

    [SamplesFact]
    public void Spikingjelly_number_mode_matches_the_reference_ranges_sums_and_maxima()
    {
        var events = Sample();
        var settings = FrameIntegrationSettings.SpikingJellyNumber(10);

        var slices = EventSlicer.Slice(events, settings);
        var frames = FrameIntegrator.Integrate(events, settings);

        Assert.Equal(Enumerable.Range(0, 9).Select(k => new EventSlice(432 * k, 432 * (k + 1))).Append(new EventSlice(3888, 4325)), slices);
        Assert.Equal([(216, 216), (216, 216), (213, 219), (225, 207), (217, 215), (214, 218), (217, 215), (225, 207), (214, 218), (223, 214)], Sums(frames));
        var maxima = new[] { (7, 0, 20, 12), (6, 0, 21, 19), (6, 0, 24, 17), (8, 0, 15, 9), (6, 0, 9, 23), (7, 1, 20, 17), (4, 0, 8, 25), (5, 0, 6, 22), (5, 0, 8, 20), (6, 1, 11, 20) };
        for (var k = 0; k < 10; k++) Assert.Equal(maxima[k], FirstMaximum(frames, k));
    }

    [SamplesFact]
    public void Spikingjelly_time_mode_matches_the_reference_ranges_and_sums()
    {
        var events = Sample();
        var settings = FrameIntegrationSettings.SpikingJellyTime(10);

        var slices = EventSlicer.Slice(events, settings);
        var frames = FrameIntegrator.Integrate(events, settings);

        int[] bounds = [0, 198, 987, 1360, 1551, 2205, 2592, 2771, 3219, 4074, 4325];
        Assert.Equal(Enumerable.Range(0, 10).Select(k => new EventSlice(bounds[k], bounds[k + 1])), slices);
        Assert.Equal([(103, 95), (390, 399), (187, 186), (99, 92), (331, 323), (191, 196), (91, 88), (228, 220), (436, 419), (124, 127)], Sums(frames));
    }

    [SamplesFact]
    public void The_legacy_integrate_overload_used_by_the_demo_still_gives_spikingjelly_frames()
    {
        var events = Sample();

        var byNumber = FrameIntegrator.Integrate(events, 10, FrameSlicing.EventCount);
        var byTime = FrameIntegrator.Integrate(events, 10, FrameSlicing.Time);

        Assert.Equal(FrameIntegrator.Integrate(events, FrameIntegrationSettings.SpikingJellyNumber(10)).Data, byNumber);
        Assert.Equal(FrameIntegrator.Integrate(events, FrameIntegrationSettings.SpikingJellyTime(10)).Data, byTime);
        Assert.Equal(10 * 2 * 34 * 34, byTime.Length);
    }

    [SamplesFact]
    public void Tonic_time_bins_drop_the_final_event_and_otherwise_equal_spikingjelly_time()
    {
        var events = Sample();

        var slices = EventSlicer.Slice(events, FrameIntegrationSettings.TonicTimeBins(10));
        var tonic = Sums(FrameIntegrator.Integrate(events, FrameIntegrationSettings.TonicTimeBins(10)));
        var jelly = Sums(FrameIntegrator.Integrate(events, FrameIntegrationSettings.SpikingJellyTime(10)));

        Assert.Equal(new EventSlice(4074, 4324), slices[9]);
        Assert.Equal((124, 126), tonic[9]);
        Assert.Equal(jelly[..9], tonic[..9]);
    }

    [SamplesFact]
    public void Tonic_event_bins_drop_the_remainder()
    {
        var events = Sample();

        var slices = EventSlicer.Slice(events, FrameIntegrationSettings.TonicEventBins(10));
        var sums = Sums(FrameIntegrator.Integrate(events, FrameIntegrationSettings.TonicEventBins(10)));

        Assert.Equal(new EventSlice(3888, 4320), slices[9]);
        Assert.Equal((223, 209), sums[9]);
    }

    [SamplesFact]
    public void Tonic_time_window_gives_31_slices_with_the_reference_ranges()
    {
        var slices = EventSlicer.Slice(Sample(), FrameIntegrationSettings.TonicTimeWindow(10_000));

        Assert.Equal(31, slices.Count);
        Assert.Equal([new EventSlice(0, 16), new EventSlice(16, 66), new EventSlice(66, 180)], slices.Take(3));
        Assert.Equal(new EventSlice(4304, 4323), slices[^1]);
    }

    [SamplesFact]
    public void Braincog_pipeline_resized_to_48_with_align_corners_matches_the_reference_sums_and_maxima()
    {
        var frames = FrameIntegrator.Integrate(Sample(), FrameIntegrationSettings.BrainCog(frames: 10, size: 48));

        var expected = new[]
        {
            (208.6904, 192.0566), (792.5794, 807.1888), (378.3056, 374.794), (199.8751, 185.8194), (670.4133, 654.0575),
            (385.1494, 398.4273), (185.1612, 179.0272), (461.7112, 445.2318), (883.6523, 849.4341), (252.2675, 256.7967),
        };
        Assert.Equal((10, 2, 48, 48), (frames.Frames, frames.Channels, frames.Height, frames.Width));
        for (var k = 0; k < 10; k++)
        {
            Assert.Equal(expected[k].Item1, frames.Sum(k, 0), tolerance: 1e-3); // float32 arithmetic, as PyTorch
            Assert.Equal(expected[k].Item2, frames.Sum(k, 1), tolerance: 1e-3);
        }
        var (max1, c1, y1, x1) = FirstMaximumValue(frames, 1);
        Assert.Equal((6.0f, 0, 30, 15), (max1, c1, y1, x1));
        var (max4, c4, y4, x4) = FirstMaximumValue(frames, 4);
        Assert.Equal(6.320054, max4, tolerance: 1e-5);
        Assert.Equal((0, 13, 33), (c4, y4, x4));
    }

    private static (int Max, int Channel, int Y, int X) FirstMaximum(FrameTensor f, int frame)
    {
        var (v, c, y, x) = FirstMaximumValue(f, frame);
        return ((int)v, c, y, x);
    }

    private static (float Max, int Channel, int Y, int X) FirstMaximumValue(FrameTensor f, int frame)
    {
        var best = (float.MinValue, 0, 0, 0);
        for (var c = 0; c < f.Channels; c++)
            for (var y = 0; y < f.Height; y++)
                for (var x = 0; x < f.Width; x++)
                    if (f[frame, c, y, x] > best.Item1) best = (f[frame, c, y, x], c, y, x);
        return best;
    }
}
