using Snnsweep.Trainer.Losses;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Trainer.Methods;

/// <summary>
/// The classification loss a configuration asks for: CE on the time-mean logits, or TET with its MSE target at
/// <c>loss.tetTarget</c> (the firing threshold unless set).
/// </summary>
public static class ClassificationLosses
{
    public static IClassificationLoss For(TrainingConfig config) => config.Loss == LossKind.Tet
        ? new TetLoss(config.TetLambda, config.TetTarget ?? config.Neuron.Threshold)
        : new MeanLogitCrossEntropy();
}
