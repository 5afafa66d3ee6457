using Snnsweep.Trainer.Data.Frames;

namespace Snnsweep.Trainer.Data;

/// <summary>
/// What a run needs of a dataset: its name, the frames (slicing, T, square size; 0 = the dataset's cropped or native
/// size) and whether the static partner is needed (kt, r2etl). Equal requests share one opened dataset in a process.
/// </summary>
public sealed record DatasetRequest(string Dataset, int Timesteps, FrameSlicing Slicing, int FrameSize = 0, bool WithStatic = true)
{
    public string Dataset { get; init; } = Dataset.ToLowerInvariant();
}
