using Snnsweep.Trainer.Data.Frames;
using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Methods.Kt;
using Snnsweep.Trainer.Methods.R2etl;
using Snnsweep.Trainer.Methods.Ssnn;
using Snnsweep.Trainer.Neurons;

namespace Snnsweep.Trainer.Training;

/// <summary>
/// Everything that decides the outcome of one training run. Immutable; change it with <c>with</c> or by
/// key through <see cref="TrainingConfigSchema"/>, which validates each value. The defaults train the
/// baseline Tiny-VGG-3 on the demo data in a few minutes on two CPU cores (5 epochs: about 0.8 validation accuracy).
/// </summary>
public sealed record TrainingConfig
{
    public string Method { get; init; } = "baseline";

    public string Dataset { get; init; } = "demo";

    public int Seed { get; init; } = 1;

    public int Epochs { get; init; } = 5;

    public int BatchSize { get; init; } = 32;

    /// <summary>Number of frames (time steps) each sample is integrated into.</summary>
    public int Timesteps { get; init; } = 8;

    public ArchitectureKind Architecture { get; init; } = ArchitectureKind.Vgg;

    /// <summary>VGG layer string or preset (see <c>VggLayerString</c>).</summary>
    public string Layers { get; init; } = "tiny-vgg3";

    /// <summary>ResNet stage widths, comma separated.</summary>
    public string Stages { get; init; } = "16,32,64";

    public int BlocksPerStage { get; init; } = 1;

    /// <summary>
    /// Whether float32 CPU runs use the fused LIF and average-pool kernels (<c>model.fusedKernels</c>); false runs
    /// libtorch's tensor ops, the reference path every other device takes. The two agree up to float rounding.
    /// </summary>
    public bool FusedKernels { get; init; } = true;

    public LifOptions Neuron { get; init; } = new();

    public LossKind Loss { get; init; } = LossKind.CrossEntropy;

    public double TetLambda { get; init; } = 1e-3;

    /// <summary>
    /// The target of TET's MSE term on the logits (<c>loss.tetTarget</c>); null takes the firing threshold
    /// (<see cref="LifOptions.Threshold"/>), as the fast defaults always have. The kt authors' code uses 0.5, its
    /// BrainCog threshold, which under this neuron's rescaled membrane is no longer the threshold (docs/methods.md §1.4, §4.2).
    /// </summary>
    public double? TetTarget { get; init; }

    public OptimizerKind Optimizer { get; init; } = OptimizerKind.AdamW;

    public double LearningRate { get; init; } = 2e-3;

    public double WeightDecay { get; init; } = 1e-2;

    /// <summary>Momentum of SGD (ignored by AdamW).</summary>
    public double Momentum { get; init; } = 0.9;

    public ScheduleKind Schedule { get; init; } = ScheduleKind.Cosine;

    public int StepEpochs { get; init; } = 3;

    public double Gamma { get; init; } = 0.5;

    public double MinLearningRate { get; init; } = 1e-5;

    /// <summary>How many training samples of the event domain to use; 0 takes the whole training split.</summary>
    public int TrainSamples { get; init; }

    public FrameSlicing Slicing { get; init; } = FrameSlicing.Time;

    /// <summary>Side of the square frames the events are integrated into (bilinear resize); 0 keeps the sensor's (or the dataset's crop's) size.</summary>
    public int FrameSize { get; init; }

    /// <summary>
    /// Training examples (samples, or pairs for the transfer methods) per epoch; 0 takes the method's natural
    /// epoch: one pass over the event samples (baseline, kt, ssnn) or over the static images (r2etl). Fewer or
    /// more walk on through a stream of seeded permutations, so every method can be given the same budget.
    /// </summary>
    public int EpochSamples { get; init; }

    /// <summary>
    /// Training event frames are translated by up to this many pixels, a fresh draw per sample (a random crop of
    /// a zero-padded frame, the papers' event augmentation); 0 leaves them as they are.
    /// </summary>
    public int AugmentShift { get; init; }

    /// <summary>Whether training event frames are mirrored left-right with probability one half.</summary>
    public bool AugmentFlip { get; init; }

    /// <summary>How many validation samples to evaluate after each epoch; 0 takes the whole validation split.</summary>
    public int ValidationSamples { get; init; }

    /// <summary>How many static images (the first of the static set) the transfer methods may use; 0 takes all.</summary>
    public int StaticSamples { get; init; }

    /// <summary>How static images are brought to the event frames' size.</summary>
    public StaticFit StaticFit { get; init; } = StaticFit.Pad;

    /// <summary>Whether the transfer methods run a paired batch's two domains as one batch or as two passes.</summary>
    public PairedForward PairedForward { get; init; } = PairedForward.Joint;

    /// <summary>Knobs of the kt method (ignored by the others).</summary>
    public KtOptions Kt { get; init; } = new();

    /// <summary>Knobs of the ssnn method (ignored by the others).</summary>
    public SsnnOptions Ssnn { get; init; } = new();

    /// <summary>Knobs of the r2etl method (ignored by the others).</summary>
    public R2etlOptions R2etl { get; init; } = new();
}
