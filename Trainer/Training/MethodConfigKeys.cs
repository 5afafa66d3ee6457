using System.Globalization;
using Snnsweep.Trainer.Methods;
using Snnsweep.Trainer.Methods.Kt;
using Snnsweep.Trainer.Methods.R2etl;
using static Snnsweep.Trainer.Training.TrainingConfigSchema;

namespace Snnsweep.Trainer.Training;

/// <summary>
/// The configuration keys of the training methods (<c>kt.*</c>, <c>ssnn.*</c>, <c>r2etl.*</c>) and of the data
/// they add (<c>data.epochSamples</c>, <c>data.valSamples</c>, <c>data.augment*</c>, <c>data.staticSamples</c>, <c>data.staticFit</c>,
/// <c>loss.tetTarget</c> for the kt authors' TET target), appended to <see cref="TrainingConfigSchema.Keys"/>. Kept apart so the
/// core schema stays short to read.
/// </summary>
internal static class MethodConfigKeys
{
    /// <summary>The word <c>loss.tetTarget</c> takes for "the firing threshold" (its default).</summary>
    public const string ThresholdTarget = "threshold";

    public static readonly IReadOnlyList<ConfigKey> All =
    [
        TetTarget(),
        Int("data.epochSamples", 0, int.MaxValue, "training examples (samples or pairs) per epoch (0 = one pass: over the event samples, or the static images for r2etl)", c => c.EpochSamples, (c, v) => c with { EpochSamples = v }),
        Int("data.valSamples", 0, int.MaxValue, "validation samples evaluated after each epoch (0 = the whole validation split)", c => c.ValidationSamples, (c, v) => c with { ValidationSamples = v }),
        Int("data.augmentShift", 0, 64, "training event frames translated by up to this many pixels, zero-filled, one draw per sample (0 = no translation)", c => c.AugmentShift, (c, v) => c with { AugmentShift = v }),
        Bool("data.augmentFlip", "training event frames mirrored left-right with probability 1/2", c => c.AugmentFlip, (c, v) => c with { AugmentFlip = v }),
        Int("data.staticSamples", 0, int.MaxValue, "static images the transfer methods may use, the first of the static set (0 = all)", c => c.StaticSamples, (c, v) => c with { StaticSamples = v }),
        Enum<StaticFit>("data.staticFit", "how static images reach the event frame size: centre-pad (resizes if larger) or bilinear resize", c => c.StaticFit, (c, v) => c with { StaticFit = v }),
        Enum<PairedForward>("transfer.forward", "kt, r2etl: shared layers see a paired batch as one batch of 2B (joint: BatchNorm statistics as at inference) or as two passes (separate, as the papers' code)", c => c.PairedForward, (c, v) => c with { PairedForward = v }),

        Float("kt.alignWeight", 0, 10, "kt: weight lambda_DA of the CKA domain-alignment loss", c => c.Kt.AlignWeight, (c, v) => c with { Kt = c.Kt with { AlignWeight = v } }),
        Float("kt.p", 0.01, 20, "kt: exponent p of the sliding replacement P(k) = min(1, (k/K)^p)", c => c.Kt.SlidingExponent, (c, v) => c with { Kt = c.Kt with { SlidingExponent = v } }),
        Float("kt.horizon", 0.01, 10, "kt: K as a fraction of the run's iterations (P reaches 1 there)", c => c.Kt.Horizon, (c, v) => c with { Kt = c.Kt with { Horizon = v } }),
        Enum<KtCoefficientMode>("kt.coefficients", "kt: per-step alignment coefficients w_t: learnable sigmoid(c_t), fixed kt.alpha, or off (w_t = 1, event loss unscaled)", c => c.Kt.Coefficients, (c, v) => c with { Kt = c.Kt with { Coefficients = v } }),
        Float("kt.alpha", 0, 1, "kt: the fixed coefficient when kt.coefficients=fixed", c => c.Kt.FixedCoefficient, (c, v) => c with { Kt = c.Kt with { FixedCoefficient = v } }),
        Float("kt.initialCoefficient", -10, 10, "kt: initial c_t of the learnable coefficients (w_t = sigmoid(c_t))", c => c.Kt.InitialCoefficient, (c, v) => c with { Kt = c.Kt with { InitialCoefficient = v } }),
        Enum<KtAlignLayer>("kt.alignLayer", "kt: aligned features: membrane (last spiking conv layer, after reset) or features (what the heads read)", c => c.Kt.AlignLayer, (c, v) => c with { Kt = c.Kt with { AlignLayer = v } }),
        Enum<KtHeads>("kt.heads", "kt: separate (a static and an event head, the paper's VGG and ResNet) or shared (one head for both branches, the paper's SCNN)", c => c.Kt.Heads, (c, v) => c with { Kt = c.Kt with { Heads = v } }),
        Enum<KtCkaKernel>("kt.ckaKernel", "kt: kernel of the alignment CKA: linear (the paper's) or rbf (Gaussian, bandwidth kt.rbfScale times the batch's median pairwise distance)", c => c.Kt.CkaKernel, (c, v) => c with { Kt = c.Kt with { CkaKernel = v } }),
        Float("kt.rbfScale", 0.01, 100, "kt: s of the RBF CKA's bandwidth sigma = s x median pairwise distance (kt.ckaKernel=rbf)", c => c.Kt.RbfScale, (c, v) => c with { Kt = c.Kt with { RbfScale = v } }),

        Int("ssnn.stages", 2, 3, "ssnn: stages the VGG backbone is cut into at pooling boundaries", c => c.Ssnn.Stages, (c, v) => c with { Ssnn = c.Ssnn with { Stages = v } }),
        Int("ssnn.T2", 1, 128, "ssnn: time steps of stage 2 (stage 1 runs T; T >= ssnn.T2 >= ssnn.T3, strictly with ssnn.strict)", c => c.Ssnn.T2, (c, v) => c with { Ssnn = c.Ssnn with { T2 = v } }),
        Int("ssnn.T3", 1, 128, "ssnn: time steps of stage 3 (with ssnn.stages=3)", c => c.Ssnn.T3, (c, v) => c with { Ssnn = c.Ssnn with { T3 = v } }),
        Float("ssnn.lambda1", 0, 10, "ssnn: loss weight of the early classifier after stage 1 (the final one weighs 1)", c => c.Ssnn.Lambda1, (c, v) => c with { Ssnn = c.Ssnn with { Lambda1 = v } }),
        Float("ssnn.lambda2", 0, 10, "ssnn: loss weight of the early classifier after stage 2 (with ssnn.stages=3)", c => c.Ssnn.Lambda2, (c, v) => c with { Ssnn = c.Ssnn with { Lambda2 = v } }),
        Bool("ssnn.strict", "ssnn: stages must shrink, T > ssnn.T2 > ssnn.T3 (the paper's); false allows equal steps", c => c.Ssnn.Strict, (c, v) => c with { Ssnn = c.Ssnn with { Strict = v } }),
        Float("ssnn.maxAvgTimestep", 0, 128, "ssnn: budget on T_avg = sum n_i T_i / sum n_i; a configuration above it is refused (0 = no budget)", c => c.Ssnn.MaxAverageTimestep, (c, v) => c with { Ssnn = c.Ssnn with { MaxAverageTimestep = v } }),

        Float("r2etl.lambdaEnc", 0, 10, "r2etl: weight of the encoding alignment between the two input stems", c => c.R2etl.EncoderWeight, (c, v) => c with { R2etl = c.R2etl with { EncoderWeight = v } }),
        Float("r2etl.lambdaFeat", 0, 10, "r2etl: weight of the feature alignment at the spiking bottleneck (r2etl.featureLoss)", c => c.R2etl.FeatureWeight, (c, v) => c with { R2etl = c.R2etl with { FeatureWeight = v } }),
        Int("r2etl.bottleneck", 1, 4096, "r2etl: width of the shared spiking bottleneck", c => c.R2etl.Bottleneck, (c, v) => c with { R2etl = c.R2etl with { Bottleneck = v } }),
        Enum<R2etlStaticCoding>("r2etl.staticCoding", "r2etl: static images as direct input, Poisson spikes, or Laplacian-edge spikes mixed with Poisson spikes", c => c.R2etl.StaticCoding, (c, v) => c with { R2etl = c.R2etl with { StaticCoding = v } }),
        Enum<R2etlEncoderLoss>("r2etl.encoderLoss", "r2etl: stem alignment by CKA of spike counts or TCKA of membranes", c => c.R2etl.EncoderLoss, (c, v) => c with { R2etl = c.R2etl with { EncoderLoss = v } }),
        Enum<R2etlFeatureLoss>("r2etl.featureLoss", "r2etl: bottleneck alignment by 1 - TCKA of membranes (the paper's), 1 - CKA of spike counts, MSE or linear MMD of time-mean membranes", c => c.R2etl.FeatureLoss, (c, v) => c with { R2etl = c.R2etl with { FeatureLoss = v } }),
    ];

    /// <summary>
    /// <c>loss.tetTarget</c>: a number, or <c>threshold</c> for <c>neuron.threshold</c> (the default, so that a configuration
    /// recorded before the key existed trains as it did).
    /// </summary>
    private static ConfigKey TetTarget()
    {
        const string name = "loss.tetTarget";
        const double limit = 100;
        return new ConfigKey(name, "float", $"{ThresholdTarget}, or -{limit}..{limit}",
            "target of TET's MSE term on the logits (threshold = neuron.threshold; the kt authors' code uses 0.5)",
            c => c.TetTarget is { } target ? target : ThresholdTarget,
            (c, text) =>
            {
                if (string.Equals(text, ThresholdTarget, StringComparison.OrdinalIgnoreCase)) return c with { TetTarget = null };
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v))
                    throw new InvalidConfigException(name, $"{name}: '{text}' is not a number or {ThresholdTarget}");
                if (v is < -limit or > limit) throw new InvalidConfigException(name, $"{name}: {text} is out of range -{limit}..{limit}");
                return c with { TetTarget = v };
            });
    }
}
