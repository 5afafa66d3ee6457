namespace Snnsweep.Trainer.Methods.R2etl;

/// <summary>
/// How r2etl aligns the two domains at the spiking bottleneck (docs/methods.md §3.4; the authors' ablation of the feature
/// loss, §3.5: TCKA against CKA, MSE and MMD).
/// </summary>
public enum R2etlFeatureLoss
{
    /// <summary>1 - TCKA of the bottleneck's pre-spike membranes: the mean over steps of each step's linear CKA (the paper's).</summary>
    Tcka,

    /// <summary>1 - linear CKA of the bottleneck's spike counts summed over time.</summary>
    Cka,

    /// <summary>Mean squared difference of the paired time-mean bottleneck membranes (<see cref="Losses.FeatureDistance.MeanSquaredError"/>).</summary>
    Mse,

    /// <summary>Linear MMD: squared distance of the batch means of the time-mean bottleneck membranes (<see cref="Losses.FeatureDistance.LinearMmd"/>).</summary>
    Mmd,
}
