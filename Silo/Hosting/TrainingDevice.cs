using System.Globalization;
using TorchSharp;

namespace Snnsweep.Silo.Hosting;

/// <summary>
/// Turns <c>--device</c> into a libtorch device, or says in one line why it cannot be used here: libtorch's own
/// failure is an exception with a native trace, which is no answer to a user who typed <c>--device cuda</c> on the CPU build.
/// </summary>
public static class TrainingDevice
{
    /// <summary>Why <paramref name="name"/> cannot train in this process, or null when it can.</summary>
    public static string? Problem(string name, IDeviceProbe probe)
    {
        var text = name.Trim().ToLowerInvariant();
        if (text == "cpu") return null;
        if (text != "cuda" && !text.StartsWith("cuda:", StringComparison.Ordinal))
            return $"--device: '{name}' is not a device; use cpu, cuda or cuda:N";
        var index = 0;
        if (text.StartsWith("cuda:", StringComparison.Ordinal) && !int.TryParse(text["cuda:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out index))
            return $"--device: '{name}' is not a device; use cpu, cuda or cuda:N";
        var count = probe.CudaDeviceCount();
        if (count == 0)
            return $"--device {name}: no CUDA device is usable in this process (this build runs TorchSharp-cpu, or no GPU or driver is visible); " +
                "use --device cpu, or the CUDA image (k8s/README.md, Images)";
        if (index >= count)
            return $"--device {name}: this process sees {count} CUDA device{(count == 1 ? "" : "s")} (cuda:0{(count > 1 ? $"..cuda:{count - 1}" : "")})";
        return null;
    }

    /// <summary>The device to train on; call <see cref="Problem"/> first.</summary>
    public static torch.Device Open(string name) => torch.device(name.Trim().ToLowerInvariant());
}
