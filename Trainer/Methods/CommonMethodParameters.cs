namespace Snnsweep.Trainer.Methods;

/// <summary>Knobs every method shares, with ranges scaled to what the demo trains in minutes on a CPU.</summary>
internal static class CommonMethodParameters
{
    public static MethodParameter LearningRate(double low, double high) =>
        MethodParameter.Float("lr", low, high, log: true);

    public static MethodParameter WeightDecay { get; } = MethodParameter.Float("weightDecay", 1e-4, 5e-2, log: true);

    // The specification suggests 4-12; every value integrates the events anew, so a search caches frames per T.
    public static MethodParameter Timesteps(int low, int high) => MethodParameter.Int("T", low, high);

    public static MethodParameter TetLambda { get; } = MethodParameter.Float("loss.tetLambda", 0, 0.05,
        condition: new MethodCondition("loss", ["tet"]));
}
