using Snnsweep.Trainer.Models;

namespace Snnsweep.Trainer.Methods.Ssnn;

/// <summary>
/// Cuts a VGG layer list into SSNN stages at pooling boundaries (docs/methods.md §2.3): the list is read as groups
/// that each end after a pooling, and the groups are shared out as evenly as possible, later stages taking the
/// extra ones (they run fewer steps). Tiny-VGG-3 in three stages is one conv block per stage.
/// </summary>
public static class SsnnStages
{
    public static IReadOnlyList<IReadOnlyList<VggLayer>> Split(IReadOnlyList<VggLayer> layers, int stages)
    {
        var groups = new List<List<VggLayer>>();
        var current = new List<VggLayer>();
        foreach (var layer in layers)
        {
            current.Add(layer);
            if (layer.Kind != VggLayerKind.Conv)
            {
                groups.Add(current);
                current = [];
            }
        }
        if (current.Count > 0) groups.Add(current);
        if (groups.Count < stages)
            throw new ArgumentException($"the layers have {groups.Count} pooling-delimited groups, fewer than the {stages} stages asked for");

        var result = new List<IReadOnlyList<VggLayer>>();
        var next = 0;
        for (var s = 0; s < stages; s++)
        {
            var take = groups.Count / stages + (s >= stages - groups.Count % stages ? 1 : 0);
            var stage = groups.Skip(next).Take(take).SelectMany(g => g).ToList();
            next += take;
            if (!stage.Any(l => l.Kind == VggLayerKind.Conv))
                throw new ArgumentException($"stage {s + 1} would hold no conv layer; put a conv before every pooling");
            result.Add(stage);
        }
        return result;
    }

    /// <summary>
    /// T_avg = sum n_i T_i / sum n_i over the conv layers n_i of each stage (docs/methods.md §2.2 step 7), as a run of
    /// <paramref name="layers"/> cut into <paramref name="stageTimesteps"/>.Count stages reports it.
    /// </summary>
    public static double AverageTimestep(IReadOnlyList<VggLayer> layers, IReadOnlyList<int> stageTimesteps)
    {
        var convs = Split(layers, stageTimesteps.Count).Select(stage => stage.Count(l => l.Kind == VggLayerKind.Conv)).ToArray();
        return convs.Select((n, i) => (double)n * stageTimesteps[i]).Sum() / convs.Sum();
    }
}
