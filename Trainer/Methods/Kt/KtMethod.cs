using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Training;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.Kt;

/// <summary>Static-to-event knowledge transfer (He, Zhao et al., AAAI 2024; methods.md §1).</summary>
public sealed class KtMethod : ITrainingMethod
{
    public string Name => "kt";

    public string Description => "static-to-event knowledge transfer: class-paired static images, CKA alignment with learnable per-step coefficients, sliding replacement";

    public bool NeedsStaticImages => true;

    /// <summary>methods.md §1.9, with lr and T scaled to the demo (the paper's lr is for batch 120 at 300 epochs).</summary>
    public SearchSpace SearchSpace { get; } = new(
    [
        SearchParameter.Float("kt.alignWeight", 0.05, 2, log: true, note: "methods.md adds 0 (no alignment) to this range; search it as an ablation"),
        SearchParameter.Float("kt.p", 0.5, 6),
        SearchParameter.Float("kt.horizon", 0.5, 1.0),
        SearchParameter.Categorical("kt.coefficients", ["learnable", "fixed", "off"]),
        SearchParameter.Float("kt.alpha", 0.1, 0.9, condition: new SearchCondition("kt.coefficients", ["fixed"])),
        SearchParameter.Float("kt.initialCoefficient", -2, 3, condition: new SearchCondition("kt.coefficients", ["learnable"])),
        SearchParameter.Categorical("kt.alignLayer", ["membrane", "features"]),
        SearchParameter.Categorical("kt.heads", ["separate", "shared"]),
        SearchParameter.Categorical("transfer.forward", ["joint", "separate"]),
        SearchParameter.Float("loss.tetLambda", 0, 0.05),
        CommonSearchParameters.Timesteps(4, 12),
        CommonSearchParameters.LearningRate(1e-4, 1e-2),
        CommonSearchParameters.WeightDecay,
    ], []);

    /// <summary>The paper's recipe: TET on both branches, and no gradient through the spike reset (BrainCog's LIF).</summary>
    public TrainingConfig WithDefaults(TrainingConfig config) => config with { Loss = LossKind.Tet, Neuron = config.Neuron with { DetachReset = true } };

    public TrainingConfig WithPaperSettings(TrainingConfig config) => config;

    public void Validate(TrainingConfig config)
    {
        if (config.Architecture != ArchitectureKind.Vgg)
            throw new InvalidConfigException("model.arch", "model.arch: kt builds its shared trunk from a VGG layer string; use model.arch=vgg");
    }

    public IMethodRun Start(TrainingConfig config, DatasetSplits data, Device device) => new KtRun(config, data, device);
}
