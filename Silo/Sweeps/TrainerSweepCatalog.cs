using Snnsweep.Dashboard.Services;
using Snnsweep.Grains.Contracts;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Silo.Sweeps;

/// <summary>The dashboard's view of the trainer: methods with their declared spaces, datasets, and the CLI's spec checks.</summary>
public sealed class TrainerSweepCatalog : ISweepCatalog
{
    private static readonly HashSet<string> FormFields = new(StringComparer.OrdinalIgnoreCase)
        { "method", "dataset", "objective", "trials", "parallel", "epochs", "sampler", "pruner", "gracePeriod", "maxRetries", "space", "fixed" };

    public IReadOnlyList<MethodChoice> Methods { get; } = TrainingMethods.All
        .Select(m => new MethodChoice(m.Name, m.Description, DefaultSearchSpaces.For(m.Name), DatasetCatalog.Names))
        .ToArray();

    public IReadOnlyList<string> Datasets => DatasetCatalog.Names;

    public string DefaultSpaceJson(string method, IReadOnlyCollection<string> fixedKeys) => DefaultSearchSpaces.For(method, fixedKeys);

    public SweepSpec BuildSpec(SweepRequest request)
    {
        var fixedSettings = request.FixedSettings();
        try
        {
            return SweepSpecBuilder.Build(request.Method, request.Dataset, request.Objective, request.Trials, request.Parallel, request.Sampler,
                request.Pruner, request.Seed, request.Epochs, request.SpaceJson, fixedSettings, request.Retries, request.GracePeriod);
        }
        catch (InvalidConfigException e)
        {
            // A trainer key is either one the user fixed or one the space searches.
            var field = FormFields.Contains(e.Key) ? e.Key
                : fixedSettings.Any(s => s.Split('=', 2)[0].Trim().Equals(e.Key, StringComparison.OrdinalIgnoreCase)) ? "fixed" : "space";
            throw new SweepRequestException(field, e.Message);
        }
        catch (ArgumentException e)
        {
            throw new SweepRequestException(SweepRequestException.FieldOf(e.Message), e.Message);
        }
    }
}
