namespace Snnsweep.Trainer.Methods;

/// <summary>Knobs every method shares, with ranges scaled to what the demo trains in minutes on a CPU.</summary>
internal static class CommonSearchParameters
{
    public static SearchParameter LearningRate(double low, double high) =>
        SearchParameter.Float("lr", low, high, log: true);

    public static SearchParameter WeightDecay { get; } = SearchParameter.Float("weightDecay", 1e-4, 5e-2, log: true);

    public static SearchParameter Timesteps(int low, int high) => SearchParameter.Int("T", low, high,
        note: "methods.md suggests 4-12; every value integrates the events anew, so a search caches frames per T");

    public static SearchParameter TetLambda { get; } = SearchParameter.Float("loss.tetLambda", 0, 0.05,
        condition: new SearchCondition("loss", ["tet"]));
}
