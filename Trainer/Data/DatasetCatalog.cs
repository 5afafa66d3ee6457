using Snnsweep.Trainer.Data.Demo;
using Snnsweep.Trainer.Data.Frames;

namespace Snnsweep.Trainer.Data;

/// <summary>Opens datasets by name, integrated for a run's time steps.</summary>
public static class DatasetCatalog
{
    /// <summary>The names <see cref="Open"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["demo", "demo-full"];

    public static DatasetSplits Open(string name, int timesteps, FrameSlicing slicing, string dataRoot, IProgress<double>? progress = null)
    {
        if (DemoDataset.ParseName(name) is { } variant) return DemoDataset.Load(variant, timesteps, slicing, dataRoot, progress);
        throw new ArgumentException($"unknown dataset '{name}'; available: {string.Join(", ", Names)}");
    }
}
