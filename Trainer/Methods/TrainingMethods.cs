using Snnsweep.Trainer.Methods.Baseline;
using Snnsweep.Trainer.Methods.Kt;
using Snnsweep.Trainer.Methods.R2etl;
using Snnsweep.Trainer.Methods.Ssnn;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Trainer.Methods;

/// <summary>The methods this build trains, by name.</summary>
public static class TrainingMethods
{
    public static IReadOnlyList<ITrainingMethod> All { get; } = [new BaselineMethod(), new KtMethod(), new SsnnMethod(), new R2etlMethod()];

    public static IReadOnlyList<string> Names { get; } = All.Select(m => m.Name).ToArray();

    /// <summary>The method called <paramref name="name"/> (any case); throws <see cref="ArgumentException"/> listing the available ones.</summary>
    public static ITrainingMethod Get(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"method '{name}' is not available; available: {string.Join(", ", Names)}");

    /// <summary>
    /// The starting configuration of a run of <paramref name="method"/> on <paramref name="dataset"/>: the dataset's
    /// frames, network and batch size (<see cref="DatasetDefaults"/>), then the method's defaults.
    /// </summary>
    public static TrainingConfig DefaultConfig(string method, string dataset = "demo") => DefaultConfig(Get(method), dataset);

    /// <summary><see cref="DefaultConfig(string, string)"/> for a given definition of the method (tests pass stand-ins).</summary>
    public static TrainingConfig DefaultConfig(ITrainingMethod definition, string dataset) =>
        definition.WithDefaults(DatasetDefaults.Apply(new TrainingConfig { Method = definition.Name, Dataset = dataset.ToLowerInvariant() }));

    /// <summary>The method's default search space with its T-valued ranges scaled to <paramref name="dataset"/>.</summary>
    public static MethodSpace SearchSpaceFor(string method, string dataset = "demo") => DatasetDefaults.ScaleSpace(Get(method).SearchSpace, dataset);

    /// <summary>What a run of <paramref name="config"/> needs of its dataset.</summary>
    public static DatasetRequest DataFor(TrainingConfig config) =>
        new(config.Dataset, config.Timesteps, config.Slicing, config.FrameSize, Get(config.Method).NeedsStaticImages);
}
