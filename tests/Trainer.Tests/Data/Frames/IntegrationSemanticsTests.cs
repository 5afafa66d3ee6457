using Snnsweep.Trainer.Data.Events;
using Snnsweep.Trainer.Data.Frames;

namespace Snnsweep.Trainer.Tests.Data.Frames;

/// <summary>Slicing and frame options on small hand-made streams where the expected answer can be worked out by hand.</summary>
public sealed class IntegrationSemanticsTests
{
    /// <summary>Events at t = 0, 10, 20, ..., 90 on pixel (i % 4, 0), alternating OFF/ON.</summary>
    private static EventStream TenEvents() =>
        new(4, 2, Enumerable.Range(0, 10).Select(i => i % 4).ToArray(), new int[10], Enumerable.Range(0, 10).Select(i => 10L * i).ToArray(),
            Enumerable.Range(0, 10).Select(i => (byte)(i % 2)).ToArray());

    [Fact]
    public void Tonic_time_window_with_overlap_and_include_incomplete_follows_its_slice_count_formula()
    {
        // span 90, window 40, stride 30: floor((90 - 40) / 30) + 1 = 2 slices; ceil(...) + 1 = 3 slices.
        var complete = EventSlicer.Slice(TenEvents(), FrameIntegrationSettings.TonicTimeWindow(40, overlapUs: 10));
        var incomplete = EventSlicer.Slice(TenEvents(), FrameIntegrationSettings.TonicTimeWindow(40, overlapUs: 10, includeIncomplete: true));

        Assert.Equal([new EventSlice(0, 4), new EventSlice(3, 7)], complete);
        Assert.Equal([new EventSlice(0, 4), new EventSlice(3, 7), new EventSlice(6, 10)], incomplete);
    }

    [Fact]
    public void Tonic_event_count_with_overlap_and_include_incomplete_follows_its_slice_count_formula()
    {
        // N = 10, count 4, overlap 1 -> stride 3: floor(6 / 3) + 1 = 3 slices, ceil gives 3 as well; count 4 overlap 0: 2 vs 3.
        Assert.Equal([new EventSlice(0, 4), new EventSlice(3, 7), new EventSlice(6, 10)], EventSlicer.Slice(TenEvents(), FrameIntegrationSettings.TonicEventCount(4, 1)));
        Assert.Equal([new EventSlice(0, 4), new EventSlice(4, 8)], EventSlicer.Slice(TenEvents(), FrameIntegrationSettings.TonicEventCount(4)));
        Assert.Equal([new EventSlice(0, 4), new EventSlice(4, 8), new EventSlice(8, 10)], EventSlicer.Slice(TenEvents(), FrameIntegrationSettings.TonicEventCount(4, includeIncomplete: true)));
    }

    [Fact]
    public void Tonic_bins_with_fractional_overlap_widen_the_window_and_shrink_the_stride()
    {
        // n_time_bins: window = 90 // 3 * 1.5 = 45, stride = 22.5 -> [0,45) [22.5,67.5) [45,90)
        Assert.Equal([new EventSlice(0, 5), new EventSlice(3, 7), new EventSlice(5, 9)], EventSlicer.Slice(TenEvents(), FrameIntegrationSettings.TonicTimeBins(3, 0.5)));
        // n_event_bins: size = int(10 // 3 * 1.5) = 4, stride = int(4 * 0.5) = 2
        Assert.Equal([new EventSlice(0, 4), new EventSlice(2, 6), new EventSlice(4, 8)], EventSlicer.Slice(TenEvents(), FrameIntegrationSettings.TonicEventBins(3, 0.5)));
    }

    [Fact]
    public void Spikingjelly_fixed_duration_puts_everything_from_the_last_frame_start_into_the_last_frame()
    {
        // t' = 0..90, duration 40: T = ceil(90 / 40) = 3; frame index t' // 40: [0..30] -> 0, [40..70] -> 1, [80, 90] -> 2.
        Assert.Equal([new EventSlice(0, 4), new EventSlice(4, 8), new EventSlice(8, 10)], EventSlicer.Slice(TenEvents(), FrameIntegrationSettings.SpikingJellyDuration(40)));
        // duration 45: T = 2; the event at exactly 90 = T * duration still lands in the last frame.
        Assert.Equal([new EventSlice(0, 5), new EventSlice(5, 10)], EventSlicer.Slice(TenEvents(), FrameIntegrationSettings.SpikingJellyDuration(45)));
    }

    [Fact]
    public void Empty_streams_give_zero_frames_instead_of_crashing()
    {
        var empty = EventStream.Empty(4, 2);

        foreach (var settings in new[] { FrameIntegrationSettings.SpikingJellyTime(3), FrameIntegrationSettings.SpikingJellyNumber(3), FrameIntegrationSettings.TonicTimeBins(3), FrameIntegrationSettings.TonicTimeWindow(10) })
            Assert.All(FrameIntegrator.Integrate(empty, settings).Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Polarity_channel_options_merge_or_sign_the_counts()
    {
        var events = TenEvents();

        var merged = FrameIntegrator.Integrate(events, FrameIntegrationSettings.SpikingJellyNumber(1) with { Channels = PolarityChannels.Merged });
        var signed = FrameIntegrator.Integrate(events, FrameIntegrationSettings.SpikingJellyNumber(1) with { Channels = PolarityChannels.Signed });
        var binary = FrameIntegrator.Integrate(events, FrameIntegrationSettings.SpikingJellyNumber(1) with { Normalization = FrameNormalization.Binary });

        // pixel x gets events i with i % 4 == x: x=0 {0,4,8} all OFF; x=1 {1,5,9} all ON; x=2 {2,6} OFF; x=3 {3,7} ON.
        Assert.Equal([3f, 3f, 2f, 2f], merged.Data[..4]);
        Assert.Equal([-3f, 3f, -2f, 2f], signed.Data[..4]);
        Assert.Equal([1f, 0f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 1f, 0f, 1f], binary.Data[..12]);
        Assert.Equal(1, merged.Channels);
    }

    [Fact]
    public void Bilinear_resize_with_and_without_align_corners_differs_as_pytorch_does()
    {
        // A 1x2 row [0, 1] upsampled to 1x4: align_corners=True -> 0, 1/3, 2/3, 1; False -> 0, 0.25, 0.75, 1.
        float[] row = [0f, 1f];

        var aligned = BilinearResizer.Resize(row, 1, 1, 2, 1, 4, alignCorners: true);
        var halfPixel = BilinearResizer.Resize(row, 1, 1, 2, 1, 4, alignCorners: false);

        Assert.Equal([0f, 1f / 3, 2f / 3, 1f], aligned, new ToleranceComparer(1e-6f));
        Assert.Equal([0f, 0.25f, 0.75f, 1f], halfPixel, new ToleranceComparer(1e-6f));
    }

    [Fact]
    public void Crop_cuts_the_rectangle_before_resizing()
    {
        var events = new EventStream(6, 6, [2, 5], [3, 0], [0, 1], [1, 1]);
        var settings = FrameIntegrationSettings.SpikingJellyNumber(1) with { Channels = PolarityChannels.Merged, Crop = new FrameCrop(1, 2, 3, 3) };

        var frames = FrameIntegrator.Integrate(events, settings);

        Assert.Equal((3, 3), (frames.Height, frames.Width));
        Assert.Equal(1f, frames[0, 0, 1, 1]);
        Assert.Equal(1f, frames.Data.Sum());
    }

    [Fact]
    public void Cache_keys_are_stable_and_differ_for_every_field_that_changes_the_frames()
    {
        var baseline = FrameIntegrationSettings.BrainCog(10, 48);
        var variants = new[]
        {
            baseline, baseline with { Frames = 12 }, baseline with { Overlap = 0.25 }, baseline with { Channels = PolarityChannels.Merged },
            baseline with { Normalization = FrameNormalization.Binary }, baseline with { Resize = FrameResize.Square(48, false) },
            baseline with { Resize = FrameResize.Square(32, true) }, baseline with { Resize = null }, baseline with { Slicing = FrameSlicingMethod.SpikingJellyTime },
            baseline with { Crop = new FrameCrop(0, 0, 10, 10) },
        };

        Assert.Equal("tonic-time-bins;T=10;overlap=0;ch=off-on;norm=counts;resize=48x48:ac", baseline.CacheKey);
        Assert.Equal(variants.Length, variants.Select(v => v.CacheKeyHash).Distinct().Count());
        Assert.Equal(FrameIntegrationSettings.BrainCog(10, 48).CacheKeyHash, baseline.CacheKeyHash);
    }

    [Fact]
    public void Invalid_settings_name_the_offending_field()
    {
        Assert.Equal("Frames", Assert.Throws<ArgumentException>(() => FrameIntegrationSettings.SpikingJellyNumber(0).Validate()).ParamName);
        Assert.Equal("Overlap", Assert.Throws<ArgumentException>(() => FrameIntegrationSettings.TonicTimeBins(4, 1.0).Validate()).ParamName);
        Assert.Equal("Overlap", Assert.Throws<ArgumentException>(() => FrameIntegrationSettings.TonicTimeWindow(100, 100).Validate()).ParamName);
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float a, float b) => Math.Abs(a - b) <= tolerance;

        public int GetHashCode(float value) => 0;
    }
}
