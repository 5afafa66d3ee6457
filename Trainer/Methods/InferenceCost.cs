namespace Snnsweep.Trainer.Methods;

/// <summary>What one inference costs.</summary>
/// <param name="AverageTimestep">T_avg = sum(n_i T_i) / sum(n_i) over the spiking layers (T for single-stage networks).</param>
/// <param name="WeightLayers">Weight layers on the inference path (readout included).</param>
/// <param name="LayerSteps">Weight-layer evaluations per sample: sum over layers of the steps each runs.</param>
/// <param name="StageTimesteps">Steps of each stage, first to last (one entry for single-stage networks).</param>
public sealed record InferenceCost(double AverageTimestep, int WeightLayers, double LayerSteps, IReadOnlyList<int> StageTimesteps)
{
    /// <summary>A network whose every layer runs all <paramref name="timesteps"/> steps.</summary>
    public static InferenceCost Uniform(int timesteps, int weightLayers) =>
        new(timesteps, weightLayers, (double)timesteps * weightLayers, [timesteps]);
}
