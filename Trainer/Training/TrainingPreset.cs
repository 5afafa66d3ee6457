namespace Snnsweep.Trainer.Training;

/// <summary>Which defaults a run starts from (<c>--preset</c>).</summary>
public enum TrainingPreset
{
    /// <summary>The fast defaults: what trains in minutes on a CPU (the README says where they depart from the papers).</summary>
    Fast,

    /// <summary>Each method's paper settings (<see cref="Methods.ITrainingMethod.WithPaperSettings"/>).</summary>
    Paper,
}
