namespace Snnsweep.Search.GaussianProcesses;

/// <summary>
/// The hyperparameters of a Matérn-5/2 ARD Gaussian process on standardised outputs: one lengthscale per
/// input dimension (for a categorical dimension, the scale of the mismatch penalty), the signal variance
/// and the observation-noise variance.
/// </summary>
public sealed record GpHyperparameters(IReadOnlyList<double> Lengthscales, double SignalVariance, double NoiseVariance)
{
    public int Dimensions => Lengthscales.Count;
}
