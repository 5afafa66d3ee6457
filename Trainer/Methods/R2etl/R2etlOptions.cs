namespace Snnsweep.Trainer.Methods.R2etl;

/// <summary>Knobs of r2etl, RGB-to-event transfer with encoder and feature alignment (docs/methods.md §3); keys <c>r2etl.*</c>.</summary>
/// <param name="EncoderWeight">lambda_enc, weight of the encoding alignment (r2etl.lambdaEnc).</param>
/// <param name="FeatureWeight">lambda_feat, weight of the feature alignment at the bottleneck (r2etl.lambdaFeat).</param>
/// <param name="Bottleneck">Width of the shared spiking bottleneck (r2etl.bottleneck).</param>
/// <param name="EncoderLoss">CKA of the stems' spike counts, or TCKA of their membranes (r2etl.encoderLoss).</param>
/// <param name="StaticCoding">How a static image becomes T steps of input (r2etl.staticCoding).</param>
/// <param name="FeatureLoss">The feature alignment at the bottleneck: TCKA (the paper's), CKA, MSE or MMD (r2etl.featureLoss).</param>
public sealed record R2etlOptions(
    double EncoderWeight = 0.1,
    double FeatureWeight = 0.1,
    int Bottleneck = 64,
    R2etlEncoderLoss EncoderLoss = R2etlEncoderLoss.Cka,
    R2etlStaticCoding StaticCoding = R2etlStaticCoding.Direct,
    R2etlFeatureLoss FeatureLoss = R2etlFeatureLoss.Tcka);
