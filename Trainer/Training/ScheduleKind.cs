namespace Snnsweep.Trainer.Training;

/// <summary>Learning-rate schedule over epochs.</summary>
public enum ScheduleKind
{
    /// <summary>cosine annealing from lr to schedule.minLr over the run.</summary>
    Cosine,

    /// <summary>multiply by schedule.gamma every schedule.stepEpochs epochs.</summary>
    Step,

    /// <summary>no schedule.</summary>
    Constant,
}
