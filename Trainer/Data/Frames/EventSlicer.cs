using Snnsweep.Trainer.Data.Events;

namespace Snnsweep.Trainer.Data.Frames;

/// <summary>
/// Turns a sorted event stream into frame index ranges with the exact arithmetic of SpikingJelly
/// (<c>cal_fixed_frames_number_segment_index</c>, <c>integrate_events_by_fixed_duration</c>) and Tonic
/// (<c>slice_events_by_time / _by_count / _by_time_bins / _by_event_bins</c>): integer division where they use it,
/// <c>searchsorted(side='left')</c> for time boundaries, and the same treatment of the last events.
/// </summary>
public static class EventSlicer
{
    public static IReadOnlyList<EventSlice> Slice(EventStream events, FrameIntegrationSettings settings)
    {
        settings.Validate();
        var n = events.Count;
        var t = events.T;
        switch (settings.Slicing)
        {
            case FrameSlicingMethod.SpikingJellyNumber:
            {
                var slices = new EventSlice[settings.Frames];
                var perFrame = n / settings.Frames;
                for (var k = 0; k < slices.Length; k++) slices[k] = new EventSlice(k * perFrame, k == slices.Length - 1 ? n : (k + 1) * perFrame);
                return slices;
            }
            case FrameSlicingMethod.SpikingJellyTime:
            {
                var slices = new EventSlice[settings.Frames];
                if (n == 0) return slices; // the reference code crashes here; an empty frame stack is the sane answer
                var t0 = t[0];
                var dt = (t[n - 1] - t0) / settings.Frames;
                for (var k = 0; k < slices.Length; k++)
                {
                    var start = events.LowerBound(t0 + k * dt);
                    var end = k == slices.Length - 1 ? n : events.LowerBound(t0 + (k + 1) * dt);
                    slices[k] = new EventSlice(start, Math.Max(start, end));
                }
                return slices;
            }
            case FrameSlicingMethod.SpikingJellyDuration:
            {
                if (n == 0) return [new EventSlice(0, 0)];
                var t0 = t[0];
                var duration = settings.WindowUs;
                var span = t[n - 1] - t0;
                var frames = (int)Math.Max(1, Math.Min(int.MaxValue, (span + duration - 1) / duration)); // ceil(span / duration), at least one
                var slices = new EventSlice[frames];
                var left = 0;
                for (var k = 0; k < frames - 1; k++)
                {
                    var right = events.LowerBound(t0 + (k + 1) * duration);
                    slices[k] = new EventSlice(left, right);
                    left = right;
                }
                slices[frames - 1] = new EventSlice(left, n);
                return slices;
            }
            case FrameSlicingMethod.TonicTimeBins:
            {
                var slices = new EventSlice[settings.Frames];
                if (n == 0) return slices;
                var t0 = t[0];
                var window = (double)((t[n - 1] - t0) / settings.Frames) * (1 + settings.Overlap);
                var stride = window * (1 - settings.Overlap);
                for (var k = 0; k < slices.Length; k++)
                {
                    var start = k * stride + t0;
                    slices[k] = Between(events, start, start + window);
                }
                return slices;
            }
            case FrameSlicingMethod.TonicEventBins:
            {
                var slices = new EventSlice[settings.Frames];
                var size = (int)(n / settings.Frames * (1 + settings.Overlap));
                var stride = (int)(size * (1 - settings.Overlap));
                for (var k = 0; k < slices.Length; k++)
                {
                    var start = Math.Min(n, (long)k * stride);
                    slices[k] = new EventSlice((int)start, (int)Math.Min(n, start + size));
                }
                return slices;
            }
            case FrameSlicingMethod.TonicTimeWindow:
            {
                if (n == 0) return [new EventSlice(0, 0)];
                var start = (double)t[0];
                var end = (double)t[n - 1];
                var window = (double)settings.WindowUs;
                var stride = window - settings.Overlap;
                var ratio = (end - start - window) / stride;
                var count = SliceCount(settings.IncludeIncomplete ? Math.Ceiling(ratio) : Math.Floor(ratio));
                var slices = new EventSlice[count];
                for (var k = 0; k < count; k++)
                {
                    var from = k * stride + start;
                    slices[k] = Between(events, from, from + window);
                }
                return slices;
            }
            default:
            {
                if (n == 0) return [new EventSlice(0, 0)];
                var perSlice = Math.Min(settings.EventsPerSlice, n);
                var stride = perSlice - (int)settings.Overlap;
                if (stride <= 0) return [new EventSlice(0, perSlice)]; // Tonic rejects this; only reachable when n < overlap
                var ratio = (double)(n - perSlice) / stride;
                var count = SliceCount(settings.IncludeIncomplete ? Math.Ceiling(ratio) : Math.Floor(ratio));
                var slices = new EventSlice[count];
                for (var k = 0; k < count; k++)
                {
                    var from = (int)Math.Min(n, (long)k * stride);
                    slices[k] = new EventSlice(from, (int)Math.Min(n, (long)from + perSlice));
                }
                return slices;
            }
        }
    }

    /// <summary>Tonic's <c>n_slices = int(floor_or_ceil(...) + 1)</c>, at least one ("for strides larger than the recording").</summary>
    private static int SliceCount(double roundedRatio)
    {
        var count = roundedRatio + 1;
        if (count > 1_000_000) throw new ArgumentException($"The settings cut this recording into {count:0} slices; use a longer window.");
        return Math.Max(1, (int)count);
    }

    /// <summary><c>searchsorted(t, start)</c> to <c>searchsorted(t, end)</c> for real-valued bounds over integer timestamps.</summary>
    private static EventSlice Between(EventStream events, double start, double end)
    {
        var from = events.LowerBound(CeilingToLong(start));
        var to = events.LowerBound(CeilingToLong(end));
        return new EventSlice(from, Math.Max(from, to));
    }

    private static long CeilingToLong(double value) => value >= long.MaxValue ? long.MaxValue : (long)Math.Ceiling(value);
}
