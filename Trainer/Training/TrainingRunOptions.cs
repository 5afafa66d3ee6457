using static TorchSharp.torch;

namespace Snnsweep.Trainer.Training;

/// <summary>How (not what) to train: where to checkpoint, where to report, on which device.</summary>
public sealed record TrainingRunOptions
{
    /// <summary>Checkpoint file written after every epoch and resumed from when present; null disables both.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>Receives a heartbeat after every batch and every epoch (on the training thread).</summary>
    public Action<TrainingProgress>? Progress { get; init; }

    /// <summary>Lines for people about the run itself (a damaged checkpoint set aside); on the training thread.</summary>
    public Action<string>? Notice { get; init; }

    /// <summary>Device to train on; CPU unless a CUDA device is named.</summary>
    public Device Device { get; init; } = CPU;

    /// <summary>
    /// Samples per evaluation batch; at most the training batch size is used. Evaluation holds every activation of a
    /// batch until the batch ends (one dispose scope per batch), so a larger batch would lift a trial's peak memory
    /// above what training needs: at 64 x 64 frames, 128 samples took three times the training peak.
    /// </summary>
    public int EvaluationBatchSize { get; init; } = 128;
}
