using System.Globalization;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Training;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.Ssnn;

/// <summary>Shrinking time steps with temporal transformers and early classifiers (Ding, Zuo et al., AAAI 2024; docs/methods.md §2).</summary>
public sealed class SsnnMethod : ITrainingMethod
{
    public string Name => "ssnn";

    public string Description => "shrinking time steps: stages with T >= ssnn.T2 >= ssnn.T3 (strictly with ssnn.strict), temporal transformers, early classifiers in training only";

    public bool NeedsStaticImages => false;

    /// <summary>
    /// docs/methods.md §2.5 scaled to the demo's Tiny-VGG-3, which has three pooling groups (so at most three stages)
    /// and trains in minutes at T up to about 12.
    /// </summary>
    public MethodSpace SearchSpace { get; } = new(
    [
        // The specification: 2-4; Tiny-VGG-3 has three pooling groups.
        MethodParameter.Int("ssnn.stages", 2, 3),
        CommonMethodParameters.Timesteps(4, 12),
        MethodParameter.Int("ssnn.T2", 1, 12),
        MethodParameter.Int("ssnn.T3", 1, 12, condition: new MethodCondition("ssnn.stages", ["3"])),
        MethodParameter.Float("ssnn.lambda1", 0, 1),
        MethodParameter.Float("ssnn.lambda2", 0, 1, condition: new MethodCondition("ssnn.stages", ["3"])),
        CommonMethodParameters.LearningRate(1e-4, 1e-2),
        CommonMethodParameters.WeightDecay,
    ], [new MethodConstraint(["T", "ssnn.T2", "ssnn.T3"], Strict: true)]);

    public TrainingConfig WithDefaults(TrainingConfig config) => config;

    /// <summary>
    /// The paper's settings (docs/methods.md §2), only those tagged [PAPER] there: stages that strictly shrink (§2.1,
    /// T_1 &gt; T_2 &gt; ... &gt; T_n; a configuration whose stages do not shrink is refused) and no data augmentation
    /// (§2.4, the abstract's CIFAR10-DVS result). The paper's optimiser, schedule, epochs and per-stage T_i were not
    /// retrieved (§2.4 and §2.3 only suggest [ASSUMED] values), so the configured ones stay.
    /// </summary>
    public TrainingConfig WithPaperSettings(TrainingConfig config) => config with
    {
        Ssnn = config.Ssnn with { Strict = true },
        AugmentShift = 0,
        AugmentFlip = false,
    };

    public void Validate(TrainingConfig config)
    {
        if (config.Architecture != ArchitectureKind.Vgg)
            throw new InvalidConfigException("model.arch", "model.arch: ssnn cuts a VGG layer string into stages; use model.arch=vgg");
        var options = config.Ssnn;
        var order = options.Strict ? "T > ssnn.T2 > ssnn.T3 with ssnn.strict" : "T >= ssnn.T2 >= ssnn.T3";
        if (options.T2 > config.Timesteps || (options.Strict && options.T2 == config.Timesteps))
            throw new InvalidConfigException("ssnn.T2", $"ssnn.T2: {options.T2} {(options.T2 > config.Timesteps ? "exceeds" : "equals")} T={config.Timesteps}; stages must {(options.Strict ? "shrink" : "not grow")} ({order})");
        if (options.Stages == 3 && (options.T3 > options.T2 || (options.Strict && options.T3 == options.T2)))
            throw new InvalidConfigException("ssnn.T3", $"ssnn.T3: {options.T3} {(options.T3 > options.T2 ? "exceeds" : "equals")} ssnn.T2={options.T2}; stages must {(options.Strict ? "shrink" : "not grow")} ({order})");
        IReadOnlyList<VggLayer> layers;
        try
        {
            layers = VggLayerString.Parse(config.Layers);
            SsnnStages.Split(layers, options.Stages);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new InvalidConfigException("ssnn.stages", $"ssnn.stages: {options.Stages} does not fit model.layers={config.Layers}: {e.Message}");
        }
        var average = SsnnStages.AverageTimestep(layers, options.StageTimesteps(config.Timesteps));
        if (options.MaxAverageTimestep > 0 && average > options.MaxAverageTimestep + 1e-9)
            throw new InvalidConfigException("ssnn.maxAvgTimestep", string.Create(CultureInfo.InvariantCulture,
                $"ssnn.maxAvgTimestep: T_avg {average:0.###} of T={config.Timesteps}, stages {string.Join(", ", options.StageTimesteps(config.Timesteps))} exceeds the budget {options.MaxAverageTimestep}"));
    }

    public IMethodRun Start(TrainingConfig config, DatasetSplits data, Device device) => new SsnnRun(config, data, device);
}
