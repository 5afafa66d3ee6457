using Snnsweep.Trainer.Data.Events;

namespace Snnsweep.Trainer.Data.Frames;

/// <summary>
/// Integrates events into count frames exactly as SpikingJelly and Tonic do (slicing by <see cref="EventSlicer"/>,
/// accumulation <c>F[k, p, y, x] += 1</c>), then optionally normalises, crops and bilinearly resizes them.
/// Channel 0 holds OFF events, channel 1 ON events.
/// </summary>
public static class FrameIntegrator
{
    /// <summary>Integration into <c>[frames, 2, H, W]</c> at sensor size with one of the fixed-T slicings.</summary>
    /// <returns>A row-major array of length <c>frames * 2 * Height * Width</c>.</returns>
    public static float[] Integrate(EventStream events, int frames, FrameSlicing slicing)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frames);
        return Integrate(events, FrameIntegrationSettings.For(slicing, frames)).Data;
    }

    /// <summary>Integrates with any <see cref="FrameIntegrationSettings"/>; frame size before crop/resize is the stream's sensor size.</summary>
    public static FrameTensor Integrate(EventStream events, FrameIntegrationSettings settings)
    {
        var slices = EventSlicer.Slice(events, settings);
        var channels = settings.ChannelCount;
        int height = events.Height, width = events.Width;
        var plane = height * width;
        var data = new float[checked(slices.Count * channels * plane)];
        for (var k = 0; k < slices.Count; k++)
        {
            var frame = data.AsSpan(k * channels * plane, channels * plane);
            Accumulate(events, slices[k], frame, plane, width, settings.Channels);
        }
        Normalize(data, settings.Normalization);
        var tensor = new FrameTensor(data, slices.Count, channels, height, width);
        if (settings.Crop is { } crop) tensor = Crop(tensor, crop);
        if (settings.Resize is { } resize && (resize.Width != tensor.Width || resize.Height != tensor.Height))
        {
            var resized = BilinearResizer.Resize(tensor.Data, tensor.Frames * channels, tensor.Height, tensor.Width, resize.Height, resize.Width, resize.AlignCorners);
            tensor = new FrameTensor(resized, tensor.Frames, channels, resize.Height, resize.Width);
        }
        return tensor;
    }

    private static void Accumulate(EventStream events, EventSlice slice, Span<float> frame, int plane, int width, PolarityChannels channels)
    {
        var x = events.X;
        var y = events.Y;
        var p = events.P;
        switch (channels)
        {
            case PolarityChannels.OffOn:
                for (var i = slice.Start; i < slice.End; i++) frame[(p[i] == 0 ? 0 : plane) + y[i] * width + x[i]] += 1f;
                break;
            case PolarityChannels.Merged:
                for (var i = slice.Start; i < slice.End; i++) frame[y[i] * width + x[i]] += 1f;
                break;
            default:
                for (var i = slice.Start; i < slice.End; i++) frame[y[i] * width + x[i]] += p[i] == 0 ? -1f : 1f;
                break;
        }
    }

    private static void Normalize(float[] data, FrameNormalization normalization)
    {
        switch (normalization)
        {
            case FrameNormalization.Binary:
                for (var i = 0; i < data.Length; i++) data[i] = MathF.Sign(data[i]);
                break;
            case FrameNormalization.Log1p:
                for (var i = 0; i < data.Length; i++) data[i] = MathF.Sign(data[i]) * MathF.Log(1f + MathF.Abs(data[i]));
                break;
        }
    }

    private static FrameTensor Crop(FrameTensor tensor, FrameCrop crop)
    {
        if (crop.X + crop.Width > tensor.Width || crop.Y + crop.Height > tensor.Height)
            throw new ArgumentException($"Crop {crop} does not fit {tensor.Width}x{tensor.Height} frames.");
        var planes = tensor.Frames * tensor.Channels;
        var output = new float[planes * crop.Width * crop.Height];
        for (var plane = 0; plane < planes; plane++)
            for (var row = 0; row < crop.Height; row++)
                tensor.Data.AsSpan((plane * tensor.Height + crop.Y + row) * tensor.Width + crop.X, crop.Width)
                    .CopyTo(output.AsSpan((plane * crop.Height + row) * crop.Width, crop.Width));
        return new FrameTensor(output, tensor.Frames, tensor.Channels, crop.Height, crop.Width);
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
