using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Models;
using Snnsweep.Trainer.Training;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.R2etl;

/// <summary>RGB-to-event spiking transfer learning with encoding and TCKA feature alignment (Zhan et al., IEEE TIP 2024; methods.md §3).</summary>
public sealed class R2etlMethod : ITrainingMethod
{
    public string Name => "r2etl";

    public string Description => "static-to-event transfer with separate input stems, a shared trunk and spiking bottleneck, CKA encoder and TCKA feature alignment";

    public bool NeedsStaticImages => true;

    /// <summary>methods.md §3.6, with the bottleneck and lr scaled to the demo's Tiny-VGG-3.</summary>
    public SearchSpace SearchSpace { get; } = new(
    [
        SearchParameter.Float("r2etl.lambdaEnc", 0, 1),
        SearchParameter.Float("r2etl.lambdaFeat", 0, 0.5),
        SearchParameter.Categorical("r2etl.encoderLoss", ["cka", "tcka"]),
        SearchParameter.Categorical("r2etl.staticCoding", ["direct", "poisson", "laplace"]),
        SearchParameter.Categorical("transfer.forward", ["joint", "separate"]),
        SearchParameter.Int("r2etl.bottleneck", 32, 256, step: 32, note: "methods.md: 64-512 at 48x48; Tiny-VGG-3 has 1,024 features"),
        SearchParameter.Float("loss.tetLambda", 0, 0.05),
        CommonSearchParameters.Timesteps(4, 10),
        CommonSearchParameters.LearningRate(5e-5, 1e-2),
    ], []);

    /// <summary>The authors' recipe: TET on both domains, Adam without weight decay.</summary>
    public TrainingConfig WithDefaults(TrainingConfig config) => config with { Loss = LossKind.Tet, WeightDecay = 0 };

    public TrainingConfig WithPaperSettings(TrainingConfig config) => config;

    public void Validate(TrainingConfig config)
    {
        if (config.Architecture != ArchitectureKind.Vgg)
            throw new InvalidConfigException("model.arch", "model.arch: r2etl builds its stems and trunk from a VGG layer string; use model.arch=vgg");
        if (VggLayerString.Parse(config.Layers)[0].Kind != VggLayerKind.Conv)
            throw new InvalidConfigException("model.layers", $"model.layers: r2etl's input stems are the first layer, which must be a conv, not '{config.Layers}'");
    }

    public IMethodRun Start(TrainingConfig config, DatasetSplits data, Device device) => new R2etlRun(config, data, device);
}
