namespace Snnsweep.Dashboard.Services;

/// <summary>A training method as the new-sweep form offers it.</summary>
/// <param name="Name">baseline, kt, ssnn or r2etl.</param>
/// <param name="Description">One line on what it does.</param>
/// <param name="DefaultSpaceJson">Its declared search space as Search space JSON.</param>
/// <param name="TransferDatasets">Datasets it accepts (transfer methods need a static pair).</param>
public sealed record MethodChoice(string Name, string Description, string DefaultSpaceJson, IReadOnlyList<string> TransferDatasets);
