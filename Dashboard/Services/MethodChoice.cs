namespace Snnsweep.Dashboard.Services;

/// <summary>A training method as the new-sweep form offers it.</summary>
/// <param name="Name">baseline, kt, ssnn or r2etl.</param>
/// <param name="Description">One line on what it does.</param>
/// <param name="DefaultSpaceJson">Its declared search space (as declared, for the demo) as Search space JSON.</param>
/// <param name="TransferDatasets">
/// The datasets it accepts, in <see cref="ISweepCatalog.GetDatasetsAsync"/>'s order: all of them for baseline and
/// ssnn; for the transfer methods only those with a static partner (whether that partner is there is
/// <see cref="DatasetChoice.StaticPartnerFound"/>).
/// </param>
/// <param name="NeedsStaticImages">Whether it pairs event samples with static images (kt, r2etl).</param>
/// <param name="DefaultObjective">The objective a sweep of it starts from (ssnn: accuracy and T_avg, so a search cannot drift to no shrinking).</param>
public sealed record MethodChoice(string Name, string Description, string DefaultSpaceJson, IReadOnlyList<string> TransferDatasets, bool NeedsStaticImages = false, string DefaultObjective = "accuracy")
{
    /// <summary>Whether it accepts <paramref name="dataset"/> (any case).</summary>
    public bool Accepts(string dataset) => TransferDatasets.Contains(dataset, StringComparer.OrdinalIgnoreCase);
}
