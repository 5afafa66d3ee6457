using Snnsweep.Contracts;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Silo.Sweeps;

/// <summary>
/// Builds and checks a sweep spec from what a person typed (the CLI's flags or the dashboard's form), so both
/// refuse the same mistakes with the same messages before any grain stores the spec.
/// </summary>
public static class SweepSpecBuilder
{
    /// <summary>
    /// The objective a sweep of <paramref name="method"/> optimises unless told otherwise: accuracy, and for ssnn accuracy
    /// and T_avg together (the Pareto front), since on accuracy alone a search drifts to stages that do not shrink.
    /// </summary>
    public static string DefaultObjective(string method) =>
        string.Equals(method, "ssnn", StringComparison.OrdinalIgnoreCase) ? "accuracy,avgTimestep" : "accuracy";

    /// <param name="gracePeriod">Epochs before the pruner may stop a trial.</param>
    /// <param name="preset">The defaults every trial starts from: fast or paper (null: fast).</param>
    /// <param name="spaceJson">The search space; null for the method's declared default without the fixed keys.</param>
    /// <exception cref="InvalidConfigException">A name (method, dataset, objective, a fixed or searched key) is wrong; <c>Key</c> says which.</exception>
    /// <exception cref="SweepSpecException">A number or choice is out of range; <c>Field</c> says which.</exception>
    public static SweepSpec Build(string method, string dataset, string objective, int trials, int parallel, string sampler, string pruner,
        int seed, int epochs, string? spaceJson, IReadOnlyList<string> fixedSettings, int retries, int gracePeriod = 1, string? preset = null)
    {
        var trainingPreset = TrainingConfigBuilder.ParsePreset(preset);
        if (!TrainingMethods.Names.Contains(method, StringComparer.OrdinalIgnoreCase))
            throw new InvalidConfigException("method", $"method: '{method}' is not one of {string.Join(", ", TrainingMethods.Names)}");
        if (!DatasetCatalog.IsKnown(dataset))
            throw new InvalidConfigException("dataset", $"dataset: '{dataset}' is not one of {string.Join(", ", DatasetCatalog.Names)}");
        if (TrainingMethods.Get(method).NeedsStaticImages && !DatasetCatalog.HasStaticPartner(dataset))
            throw new InvalidConfigException("dataset", $"dataset: {method.ToLowerInvariant()} pairs event samples with static images, but '{dataset}' has no static partner; " +
                $"use {string.Join(" or ", TrainingMethods.All.Where(m => !m.NeedsStaticImages).Select(m => m.Name))}, or a dataset with a static partner");
        var objectives = objective.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(o => o.ToLowerInvariant() switch
        {
            "accuracy" or "valaccuracy" => new ObjectiveSpec(MetricNames.ValAccuracy, true),
            "avgtimestep" or "timestep" => new ObjectiveSpec(MetricNames.AvgTimestep, false),
            _ => throw new InvalidConfigException("objective", $"objective: '{o}' is not accuracy or avgTimestep"),
        }).ToArray();
        // Fixed settings go through the trainer's builder now (as every trial will, under the same preset), so a typo
        // fails here rather than in every trial; the method's cross-key checks wait for the searched values.
        _ = TrainingConfigBuilder.Resolve(new TrainingConfigRequest { Method = method, Dataset = dataset, Preset = trainingPreset, Assignments = fixedSettings });
        var fixedValues = fixedSettings.Select(s => s.Split('=', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
        var space = string.IsNullOrWhiteSpace(spaceJson) ? DefaultSearchSpaces.For(method.ToLowerInvariant(), fixedValues.Keys, dataset.ToLowerInvariant()) : spaceJson;
        var spec = new SweepSpec(method.ToLowerInvariant(), dataset.ToLowerInvariant(), space, objectives, trials, parallel, sampler.ToLowerInvariant(),
            pruner.ToLowerInvariant(), seed, epochs, fixedValues, retries) { GracePeriod = gracePeriod, Preset = TrainingConfigBuilder.PresetName(trainingPreset) };
        SweepSpecValidator.Validate(spec);
        // Every searched name must be a trainer key too.
        foreach (var name in Search.Spaces.SearchSpace.FromJson(space).Parameters.Select(p => p.Name))
        {
            if (!TrainingConfigSchema.Keys.Any(k => k.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
                throw new InvalidConfigException(name, $"space: parameter '{name}' is not a configuration key (see train --keys)");
        }
        return spec;
    }
}
