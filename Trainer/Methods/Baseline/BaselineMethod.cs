using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Training;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods.Baseline;

/// <summary>The reference: the configured backbone trained on event frames alone with CE or TET.</summary>
public sealed class BaselineMethod : ITrainingMethod
{
    public string Name => "baseline";

    public string Description => "event frames only: the configured VGG or ResNet SNN with CE or TET";

    public bool NeedsStaticImages => false;

    public MethodSpace SearchSpace { get; } = new(
    [
        CommonMethodParameters.LearningRate(3e-4, 1e-2),
        CommonMethodParameters.WeightDecay,
        CommonMethodParameters.Timesteps(4, 12),
        MethodParameter.Float("neuron.tau", 1.5, 4),
        MethodParameter.Categorical("loss", ["crossentropy", "tet"]),
        CommonMethodParameters.TetLambda,
    ], []);

    public TrainingConfig WithDefaults(TrainingConfig config) => config;

    /// <summary>
    /// The baseline has no paper of its own (docs/methods.md describes the three methods, not a baseline recipe), so its
    /// paper preset is its fast defaults. A comparison with a method's paper preset sets that method's recipe keys on
    /// the baseline (e.g. <c>loss=tet</c>, <c>lr</c>, <c>schedule</c>), so both train under the same loss and budget.
    /// </summary>
    public TrainingConfig WithPaperSettings(TrainingConfig config) => config;

    public void Validate(TrainingConfig config)
    {
    }

    public IMethodRun Start(TrainingConfig config, DatasetSplits data, Device device) => new BaselineRun(config, data, device);
}
