using Snnsweep.Dashboard.Services;
using Snnsweep.Contracts;
using Snnsweep.Trainer.Data;
using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Training;

namespace Snnsweep.Silo.Sweeps;

/// <summary>
/// The dashboard's view of the trainer: methods with their declared spaces, the datasets with their state on this
/// process's data root (<see cref="DatasetCatalog.Statuses"/>), and the CLI's spec checks.
/// </summary>
public sealed class TrainerSweepCatalog(DatasetCatalog datasets) : ISweepCatalog
{
    private static readonly HashSet<string> FormFields = new(StringComparer.OrdinalIgnoreCase)
        { "method", "dataset", "preset", "objective", "trials", "parallel", "epochs", "sampler", "pruner", "gracePeriod", "maxRetries", "space", "fixed" };

    public IReadOnlyList<MethodChoice> Methods { get; } = TrainingMethods.All
        .Select(m => new MethodChoice(m.Name, m.Description, DefaultSearchSpaces.For(m.Name),
            DatasetCatalog.Names.Where(d => !m.NeedsStaticImages || DatasetCatalog.HasStaticPartner(d)).ToArray(), m.NeedsStaticImages,
            SweepSpecBuilder.DefaultObjective(m.Name)))
        .ToArray();

    public Task<IReadOnlyList<DatasetChoice>> GetDatasetsAsync(bool refresh = false) =>
        // A lookup indexes every dataset folder (a network volume in a cluster): not on the circuit's thread.
        Task.Run<IReadOnlyList<DatasetChoice>>(() => DatasetCatalog.Names.Select(name => Choice(name, refresh ? TimeSpan.Zero : null)).ToArray());

    public string DefaultSpaceJson(string method, IReadOnlyCollection<string> fixedKeys, string dataset) =>
        DefaultSearchSpaces.For(method, fixedKeys, DatasetCatalog.IsKnown(dataset) ? dataset.ToLowerInvariant() : "demo");

    public SweepSpec BuildSpec(SweepRequest request)
    {
        var fixedSettings = request.FixedSettings();
        SweepSpec spec;
        try
        {
            spec = SweepSpecBuilder.Build(request.Method, request.Dataset, request.Objective, request.Trials, request.Parallel, request.Sampler,
                request.Pruner, request.Seed, request.Epochs, request.SpaceJson, fixedSettings, request.Retries, request.GracePeriod, request.Preset);
        }
        catch (InvalidConfigException e)
        {
            // A trainer key is either one the user fixed or one the space searches.
            var field = FormFields.Contains(e.Key) ? e.Key
                : fixedSettings.Any(s => s.Split('=', 2)[0].Trim().Equals(e.Key, StringComparison.OrdinalIgnoreCase)) ? "fixed" : "space";
            throw new SweepRequestException(field, e.Message);
        }
        catch (SweepSpecException e)
        {
            throw new SweepRequestException(e.Field, e.Message);
        }
        catch (ArgumentException e)
        {
            throw new SweepRequestException("spec", e.Message);
        }
        // Whatever the form offered: every trial of a sweep on a dataset that is not there would fail.
        var dataset = Choice(spec.Dataset);
        if (!dataset.CanStart)
            throw new SweepRequestException("dataset", $"dataset: {dataset.Name} is not found ({dataset.ProblemSummary ?? dataset.Folder}); `data list` shows the layout it needs");
        return spec;
    }

    /// <summary>
    /// <see cref="DatasetCatalog.Status"/> as the dashboard shows it. A folder that trips a reader in an unforeseen way
    /// shows as not found, with the reason, rather than taking the form or the cluster page down with it.
    /// </summary>
    private DatasetChoice Choice(string name, TimeSpan? maxAge = null)
    {
        try
        {
            return ToChoice(datasets.Status(name, maxAge));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var description = datasets.Definitions.TryGet(name, out var definition) ? definition.Description : name;
            return new DatasetChoice(name, description, DatasetChoice.NotFound, false, false, Path.GetFullPath(datasets.Locations.RootOf(name)), null,
                definition?.PairedDataset, null, $"{name} could not be read: {e.Message}");
        }
    }

    /// <summary>The dashboard's record of a dataset's status.</summary>
    public static DatasetChoice ToChoice(DatasetStatus status) => new(
        status.Name,
        status.Description,
        status.StateText,
        status.Found,
        status.Partner is not null && status.State is DatasetState.Ready or DatasetState.FramesNotPrepared,
        status.Folder,
        status.Samples,
        status.Partner,
        status.PartnerFolder,
        status.Problem);
}
