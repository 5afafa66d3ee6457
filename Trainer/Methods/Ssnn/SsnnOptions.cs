namespace Snnsweep.Trainer.Methods.Ssnn;

/// <summary>
/// Knobs of ssnn, shrinking time steps with early classifiers (docs/methods.md §2); keys <c>ssnn.*</c>. Stage 1
/// runs the configuration's <c>T</c> steps (the frames the events are integrated into); later stages run
/// <see cref="T2"/> and <see cref="T3"/>, with <c>T &gt;= T2 &gt;= T3</c> (strictly with <see cref="Strict"/>).
/// </summary>
/// <param name="Stages">Number of stages the backbone is cut into at pooling boundaries, 2 or 3 (ssnn.stages).</param>
/// <param name="T2">Steps of stage 2 (ssnn.T2).</param>
/// <param name="T3">Steps of stage 3 when there are three stages (ssnn.T3).</param>
/// <param name="Lambda1">Loss weight of the early classifier after stage 1 (ssnn.lambda1).</param>
/// <param name="Lambda2">Loss weight of the early classifier after stage 2 when there are three stages (ssnn.lambda2).</param>
/// <param name="Strict">Stages must shrink: <c>T &gt; T2 &gt; T3</c>, as the paper's T_1 &gt; T_2 &gt; ... &gt; T_n (ssnn.strict).</param>
/// <param name="MaxAverageTimestep">
/// A budget on T_avg (<see cref="SsnnStages.AverageTimestep"/>): a configuration above it is refused at validation, so a
/// single-objective sweep cannot drift to no shrinking; 0 sets none (ssnn.maxAvgTimestep).
/// </param>
public sealed record SsnnOptions(
    int Stages = 3,
    int T2 = 4,
    int T3 = 2,
    double Lambda1 = 1.0,
    double Lambda2 = 1.0,
    bool Strict = false,
    double MaxAverageTimestep = 0)
{
    /// <summary>The steps of every stage, first to last, given stage 1's <paramref name="timesteps"/>.</summary>
    public IReadOnlyList<int> StageTimesteps(int timesteps) => Stages == 2 ? [timesteps, T2] : [timesteps, T2, T3];

    /// <summary>The loss weights of the early classifiers, stage 1 first (the final classifier weighs 1).</summary>
    public IReadOnlyList<double> EarlyWeights => Stages == 2 ? [Lambda1] : [Lambda1, Lambda2];
}
