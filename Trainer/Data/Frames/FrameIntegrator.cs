using Snnsweep.Trainer.Data.Events;

namespace Snnsweep.Trainer.Data.Frames;

/// <summary>
/// Integrates events into <c>[T, 2, H, W]</c> count frames with SpikingJelly's index arithmetic
/// (<c>integrate_events_by_fixed_frames_number</c>), so frame contents match papers built on it.
/// Channel 0 holds OFF events, channel 1 ON events.
/// </summary>
public static class FrameIntegrator
{
    /// <summary>Integrates <paramref name="events"/> into <paramref name="frames"/> count frames.</summary>
    /// <returns>A row-major array of length <c>frames * 2 * Height * Width</c>.</returns>
    public static float[] Integrate(EventStream events, int frames, FrameSlicing slicing)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        var plane = events.Width * events.Height;
        var output = new float[frames * 2 * plane];
        var n = events.Count;
        if (n == 0) return output;

        Span<int> starts = stackalloc int[frames + 1];
        if (slicing == FrameSlicing.EventCount)
        {
            var perFrame = n / frames;
            for (var k = 0; k < frames; k++) starts[k] = k * perFrame;
        }
        else
        {
            var t0 = events.T[0];
            var dt = (events.T[n - 1] - t0) / frames;
            for (var k = 0; k < frames; k++) starts[k] = LowerBound(events.T, t0 + k * dt);
        }
        starts[frames] = n;

        for (var k = 0; k < frames; k++)
        {
            var frameOffset = k * 2 * plane;
            for (var i = starts[k]; i < starts[k + 1]; i++)
            {
                var channel = events.P[i] == 0 ? 0 : 1;
                output[frameOffset + channel * plane + events.Y[i] * events.Width + events.X[i]] += 1f;
            }
        }
        return output;
    }

    /// <summary>First index whose timestamp is at least <paramref name="time"/> (numpy <c>searchsorted</c>, left).</summary>
    internal static int LowerBound(long[] timestamps, long time)
    {
        int lo = 0, hi = timestamps.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (timestamps[mid] < time) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
