using Snnsweep.Trainer.Data.Frames;

namespace Snnsweep.Trainer.Tests.Data.Frames;

public sealed class FrameCacheTests
{
    private static FrameTensor Tensor(float seed) => new(Enumerable.Range(0, 2 * 2 * 3 * 4).Select(i => seed + i).ToArray(), 2, 2, 3, 4);

    [Fact]
    public void Cache_returns_stored_frames_without_integrating_again()
    {
        using var temp = new TempDirectory();
        var settings = FrameIntegrationSettings.BrainCog(2, 48);
        var calls = 0;

        var first = new FrameCache(temp.Path).GetOrCreate("n-mnist", "Train/5/00001", settings, () => { calls++; return Tensor(1); });
        var cache = new FrameCache(temp.Path); // another trial or silo on the same data root
        var second = cache.GetOrCreate("n-mnist", "Train/5/00001", settings, () => { calls++; return Tensor(99); });

        Assert.Equal(1, calls);
        Assert.Equal(first, second with { Data = first.Data });
        Assert.Equal(first.Data, second.Data);
        Assert.Equal(1, cache.Hits);
        Assert.Equal(settings.CacheKey + "\n", File.ReadAllText(Path.Combine(cache.SettingsFolder("n-mnist", settings), "settings.txt")));
        Assert.StartsWith(cache.SettingsFolder("n-mnist", settings), cache.PathFor("n-mnist", "Train/5/00001", settings));
    }

    [Fact]
    public void Entries_are_keyed_by_dataset_sample_and_settings_including_size()
    {
        using var temp = new TempDirectory();
        var cache = new FrameCache(temp.Path);
        var small = FrameIntegrationSettings.BrainCog(2, 32);
        var large = FrameIntegrationSettings.BrainCog(2, 48);

        cache.GetOrCreate("a", "s1", small, () => Tensor(1));
        cache.GetOrCreate("a", "s1", large, () => Tensor(2));
        cache.GetOrCreate("a", "s2", small, () => Tensor(3));
        cache.GetOrCreate("b", "s1", small, () => Tensor(4));

        Assert.Equal(4, cache.Misses);
        Assert.Equal(2f, cache.GetOrCreate("a", "s1", large, () => Tensor(-1)).Data[0]);
        Assert.Equal(4f, cache.GetOrCreate("b", "s1", small, () => Tensor(-1)).Data[0]);
    }

    [Fact]
    public void A_damaged_entry_reads_as_a_miss_and_is_rewritten()
    {
        using var temp = new TempDirectory();
        var cache = new FrameCache(temp.Path);
        var settings = FrameIntegrationSettings.SpikingJellyNumber(2);
        cache.GetOrCreate("d", "x", settings, () => Tensor(1));
        var path = cache.PathFor("d", "x", settings);
        File.WriteAllBytes(path, File.ReadAllBytes(path)[..40]);

        var again = cache.GetOrCreate("d", "x", settings, () => Tensor(7));

        Assert.Equal(7f, again.Data[0]);
        Assert.True(cache.Contains("d", "x", settings));
    }

    [Fact]
    public void Sample_ids_cannot_escape_the_cache_folder()
    {
        using var temp = new TempDirectory();
        var cache = new FrameCache(temp.Path);

        var path = cache.PathFor("d", "../../etc/passwd", FrameIntegrationSettings.SpikingJellyNumber(2));

        Assert.StartsWith(cache.Directory, Path.GetFullPath(path));
    }

    [Fact]
    public void Parallel_writers_of_the_same_entries_leave_complete_identical_files_and_no_temp_files()
    {
        using var temp = new TempDirectory();
        var settings = FrameIntegrationSettings.BrainCog(10, 48);
        var big = new FrameTensor(Enumerable.Range(0, 10 * 2 * 48 * 48).Select(i => (float)(i % 97)).ToArray(), 10, 2, 48, 48);
        var torn = 0;

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            // separate cache objects stand for separate silos sharing the data root
            var cache = new FrameCache(temp.Path);
            var sample = $"s{i % 4}";
            var frames = cache.GetOrCreate("race", sample, settings, () => big);
            if (!frames.Data.AsSpan().SequenceEqual(big.Data)) Interlocked.Increment(ref torn);
        });

        Assert.Equal(0, torn);
        var files = Directory.GetFiles(new FrameCache(temp.Path).Directory, "*", SearchOption.AllDirectories);
        Assert.DoesNotContain(files, f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.Equal(4, files.Count(f => f.EndsWith(".frames", StringComparison.Ordinal)));
        Assert.All(Enumerable.Range(0, 4), k => Assert.Equal(big.Data, new FrameCache(temp.Path).GetOrCreate("race", $"s{k}", settings, () => throw new InvalidOperationException("must be cached")).Data));
    }

    [Fact]
    public async Task Readers_running_during_rewrites_never_see_a_partial_entry()
    {
        using var temp = new TempDirectory();
        var settings = FrameIntegrationSettings.SpikingJellyNumber(10);
        var big = new FrameTensor(Enumerable.Range(0, 10 * 2 * 64 * 64).Select(i => (float)i).ToArray(), 10, 2, 64, 64);
        var cache = new FrameCache(temp.Path);
        cache.GetOrCreate("rw", "s", settings, () => big);
        var path = cache.PathFor("rw", "s", settings);
        using var stop = new CancellationTokenSource();
        var misses = 0;

        var writer = Task.Run(() =>
        {
            var bytes = File.ReadAllBytes(path);
            for (var i = 0; i < 40; i++) FrameCache.WriteAtomically(path, bytes);
            stop.Cancel();
        });
        while (!stop.IsCancellationRequested)
            if (!new FrameCache(temp.Path).Contains("rw", "s", settings)) Interlocked.Increment(ref misses);
        await writer;

        Assert.Equal(0, misses);
    }
}
