namespace Snnsweep.Trainer.Training;

/// <summary>
/// The learning rate of each epoch as a pure function of the configuration and the epoch, so a run resumed
/// from a checkpoint needs no scheduler state to continue exactly.
/// </summary>
public static class LearningRateSchedule
{
    /// <summary>Learning rate during 1-based <paramref name="epoch"/>.</summary>
    public static double At(TrainingConfig config, int epoch)
    {
        var e = epoch - 1;
        return config.Schedule switch
        {
            ScheduleKind.Constant => config.LearningRate,
            ScheduleKind.Step => config.LearningRate * Math.Pow(config.Gamma, e / config.StepEpochs),
            ScheduleKind.Cosine => config.Epochs <= 1
                ? config.LearningRate
                : config.MinLearningRate + (config.LearningRate - config.MinLearningRate) * (1 + Math.Cos(Math.PI * e / config.Epochs)) / 2,
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Schedule, "unknown schedule"),
        };
    }
}
