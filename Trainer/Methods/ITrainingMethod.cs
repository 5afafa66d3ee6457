using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Training;
using static TorchSharp.torch;

namespace Snnsweep.Trainer.Methods;

/// <summary>
/// A training method (docs/methods.md §4.5): what a run of it builds, how it pairs and batches data, what it
/// optimises and reports, and which knobs a search should turn. <see cref="TrainingLoop"/> drives every
/// method the same way, so checkpoints, resume, cancellation and divergence handling are written once.
/// </summary>
public interface ITrainingMethod
{
    /// <summary>The name on the command line and in configurations (<c>baseline</c>, <c>kt</c>, <c>ssnn</c>, <c>r2etl</c>).</summary>
    string Name { get; }

    /// <summary>One line saying what the method does.</summary>
    string Description { get; }

    /// <summary>Whether the method learns from a static (frame-camera) image set paired by class with the events.</summary>
    bool NeedsStaticImages { get; }

    /// <summary>The knobs worth searching, as configuration keys with ranges and constraints.</summary>
    MethodSpace SearchSpace { get; }

    /// <summary>The method's defaults on top of <paramref name="config"/> (e.g. TET for kt); user settings go after.</summary>
    TrainingConfig WithDefaults(TrainingConfig config);

    /// <summary>
    /// The <c>paper</c> preset on top of the method's defaults: the settings of the method's paper and its authors'
    /// code where the fast defaults depart from them (docs/methods.md); identity where they agree.
    /// </summary>
    TrainingConfig WithPaperSettings(TrainingConfig config);

    /// <summary>Checks what no single key can (e.g. <c>T &gt;= ssnn.T2 &gt;= ssnn.T3</c>); throws <see cref="InvalidConfigException"/>.</summary>
    void Validate(TrainingConfig config);

    /// <summary>
    /// Builds the run's modules (seeded, under <see cref="Models.NetworkFactory"/>'s lock) on
    /// <paramref name="device"/>. <paramref name="data"/> is already cut to the configured training samples.
    /// </summary>
    IMethodRun Start(TrainingConfig config, DatasetSplits data, Device device);
}
