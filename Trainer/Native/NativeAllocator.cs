using System.Runtime.InteropServices;

namespace Snnsweep.Trainer.Native;

/// <summary>
/// Sets glibc's malloc so libtorch's CPU tensors reuse memory instead of faulting in fresh pages. Training
/// frees and reallocates activation buffers of 1 to 20 MB every step (Tiny-VGG-3 at batch 32, T=8). Served
/// by mmap, or carved from a thread arena's 64 MiB heap that glibc unmaps as soon as it is empty, each comes
/// back as fresh zeroed pages: about 85,000 page faults a step with the earlier 128 KiB mmap threshold, some
/// 40 % of the step time, and still 9,000 with glibc's defaults (issue: trainer speed). With
/// <list type="bullet">
/// <item>an mmap threshold of 32 MiB (glibc's largest), blocks below it come from the heap;</item>
/// <item>a top pad of 64 MiB (a thread heap's size), a thread arena never unmaps an emptied heap;</item>
/// <item>a trim threshold of 512 MiB, the free top of the heap is kept across steps;</item>
/// </list>
/// a step takes about 130 page faults. Fixed values also switch off glibc's dynamic thresholds, so the
/// behaviour does not depend on the order of the first frees. Peak resident memory is what the largest step
/// needs: these settings keep freed memory for reuse rather than letting it be returned and faulted in again
/// (bench/RESULTS.md has the demo's figures); <see cref="ReleaseFreeMemory"/> returns it when a run ends.
/// </summary>
public static partial class NativeAllocator
{
    private const int TrimThresholdParameter = -1; // M_TRIM_THRESHOLD in malloc.h
    private const int TopPadParameter = -2; // M_TOP_PAD
    private const int MmapThresholdParameter = -3; // M_MMAP_THRESHOLD
    private const int MmapThreshold = 32 * 1024 * 1024;
    private const int TopPad = 64 * 1024 * 1024;
    private const int TrimThreshold = 512 * 1024 * 1024;
    private static int _configured;

    /// <summary>Applies the setting once per process; a no-op outside glibc Linux.</summary>
    public static void EnsureConfigured()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1 || !OperatingSystem.IsLinux()) return;
        try
        {
            _ = SetMallocOption(MmapThresholdParameter, MmapThreshold);
            _ = SetMallocOption(TopPadParameter, TopPad);
            _ = SetMallocOption(TrimThresholdParameter, TrimThreshold);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl and other C libraries have no mallopt; their allocators do not show the problem.
        }
    }

    /// <summary>
    /// Returns the free memory the settings above keep to the system (at the end of a run, so an idle process
    /// does not hold a finished trial's working set); a no-op outside glibc Linux.
    /// </summary>
    public static void ReleaseFreeMemory()
    {
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = TrimMalloc(0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: nothing was kept.
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int SetMallocOption(int parameter, int value);

    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int TrimMalloc(nuint pad);
}
