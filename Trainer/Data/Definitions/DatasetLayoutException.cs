namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>The data root does not hold the dataset in the expected layout; the message shows the layout.</summary>
public sealed class DatasetLayoutException(string message) : Exception(message);
