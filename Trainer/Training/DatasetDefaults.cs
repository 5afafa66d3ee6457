using Snnsweep.Trainer.Data.Frames;
using Snnsweep.Trainer.Methods;

namespace Snnsweep.Trainer.Training;

/// <summary>
/// What a run on each dataset starts from before the method's own defaults: the papers' frames (T, slicing, size:
/// docs/datasets.md), their networks at that size and their batch sizes (docs/methods.md; VGGSNN at 48 x 48 for
/// CIFAR10-DVS, N-Caltech101 and CEP-DVS as in the kt authors' code, the SCNN-like stack at 28 x 28 for N-Omniglot),
/// and epochs a CPU or a single GPU gets through in a working day rather than the papers' 150-300. The demo keeps the
/// minutes-on-a-laptop defaults of <see cref="TrainingConfig"/>.
/// </summary>
public static class DatasetDefaults
{
    /// <summary>The demo's T, against which the T-valued ranges of the methods' search spaces are declared.</summary>
    public const int DemoTimesteps = 8;

    private static readonly Dictionary<string, Func<TrainingConfig, TrainingConfig>> Settings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["n-mnist"] = c => c with { Timesteps = 10, Slicing = FrameSlicing.EventCount, FrameSize = 0, Layers = "tiny-vgg3", BatchSize = 64, Epochs = 20, StaticFit = StaticFit.Pad },
        ["n-caltech101"] = c => c with { Timesteps = 10, Slicing = FrameSlicing.TonicTimeBins, FrameSize = 48, Layers = "vggsnn", BatchSize = 120, Epochs = 100, StaticFit = StaticFit.Resize, AugmentShift = 4 },
        ["cifar10-dvs"] = Cifar10Dvs,
        // The same recordings with TEBN's split: the same settings.
        ["cifar10-dvs-tebn"] = Cifar10Dvs,
        ["dvs-gesture"] = c => c with { Timesteps = 16, Slicing = FrameSlicing.EventCount, FrameSize = 64, Layers = "vggsnn", BatchSize = 16, Epochs = 100 },
        // The SCNN has two pooling groups, so ssnn cuts it into two stages.
        ["n-omniglot"] = c => c with { Timesteps = 12, Slicing = FrameSlicing.Time, FrameSize = 28, Layers = "15C5-AP2-40C5-AP2", BatchSize = 16, Epochs = 50, StaticFit = StaticFit.Resize, Ssnn = c.Ssnn with { Stages = 2 } },
        ["cep-dvs"] = c => c with { Timesteps = 6, Slicing = FrameSlicing.TonicTimeBins, FrameSize = 48, Layers = "vggsnn", BatchSize = 64, Epochs = 100, StaticFit = StaticFit.Resize, AugmentShift = 4, AugmentFlip = true },
    };

    private static TrainingConfig Cifar10Dvs(TrainingConfig c) =>
        c with { Timesteps = 10, Slicing = FrameSlicing.TonicTimeBins, FrameSize = 48, Layers = "vggsnn", BatchSize = 64, Epochs = 100, StaticFit = StaticFit.Resize };

    /// <summary>
    /// <paramref name="config"/> with the settings of its dataset (unchanged for the demo); ssnn's later stages keep
    /// the demo's proportions of T (T/2, T/4: 8, 4, 2 on the demo, 10, 5, 2 at T = 10).
    /// </summary>
    public static TrainingConfig Apply(TrainingConfig config)
    {
        if (!Settings.TryGetValue(config.Dataset, out var apply)) return config;
        var applied = apply(config);
        return applied with { Ssnn = applied.Ssnn with { T2 = Math.Max(1, applied.Timesteps / 2), T3 = Math.Max(1, applied.Timesteps / 4) } };
    }

    /// <summary>
    /// A method's declared search space scaled to a dataset: the T-valued ranges (T, ssnn.T2, ssnn.T3) are declared for
    /// the demo's T = 8 and scale with the dataset's T, so CEP-DVS (T = 6) searches 3-9 where the demo searches 4-12.
    /// </summary>
    public static MethodSpace ScaleSpace(MethodSpace space, string dataset)
    {
        var defaults = Apply(new TrainingConfig { Dataset = dataset });
        var factor = defaults.Timesteps / (double)DemoTimesteps;
        // ssnn cannot have more stages than the dataset's network has pooling groups.
        var groups = Models.VggLayerString.Parse(defaults.Layers).Count(l => l.Kind != Models.VggLayerKind.Conv);
        var parameters = space.Parameters.Select(p => p switch
        {
            { Name: "T" or "ssnn.T2" or "ssnn.T3", Kind: MethodParameterKind.Int } when factor != 1 =>
                p with { Low = Math.Max(1, Math.Round(p.Low * factor)), High = Math.Max(Math.Max(1, Math.Round(p.Low * factor)), Math.Round(p.High * factor)) },
            { Name: "ssnn.stages", Kind: MethodParameterKind.Int } when p.High > groups => p with { High = Math.Max(p.Low, groups) },
            _ => p,
        }).ToArray();
        return space with { Parameters = parameters };
    }
}
