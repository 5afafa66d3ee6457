namespace Snnsweep.Trainer.Methods.Kt;

/// <summary>Knobs of kt, static-to-event knowledge transfer (docs/methods.md §1); keys <c>kt.*</c>.</summary>
/// <param name="AlignWeight">lambda_DA, the weight of the domain-alignment loss (kt.alignWeight).</param>
/// <param name="SlidingExponent">p of the sliding replacement P(k) = min(1, (k/K)^p) (kt.p).</param>
/// <param name="Horizon">K as a fraction of the run's iterations: P reaches 1 there (kt.horizon).</param>
/// <param name="Coefficients">Learnable sigmoid coefficients, a fixed alpha, or none (kt.coefficients).</param>
/// <param name="FixedCoefficient">alpha when the coefficients are fixed (kt.alpha).</param>
/// <param name="InitialCoefficient">c_t at the start; w_t = sigmoid(c_t) (kt.initialCoefficient).</param>
/// <param name="AlignLayer">Which features the CKA aligns (kt.alignLayer).</param>
/// <param name="Heads">A static and an event head, or one head shared by both branches (kt.heads).</param>
/// <param name="CkaKernel">Linear CKA (the paper's) or RBF CKA (kt.ckaKernel).</param>
/// <param name="RbfScale">s of the RBF bandwidth sigma = s times the median pairwise distance (kt.rbfScale).</param>
public sealed record KtOptions(
    double AlignWeight = 0.5,
    double SlidingExponent = 3.0,
    double Horizon = 1.0,
    KtCoefficientMode Coefficients = KtCoefficientMode.Learnable,
    double FixedCoefficient = 0.5,
    double InitialCoefficient = 1.0,
    KtAlignLayer AlignLayer = KtAlignLayer.Membrane,
    KtHeads Heads = KtHeads.Separate,
    KtCkaKernel CkaKernel = KtCkaKernel.Linear,
    double RbfScale = 1.0);
