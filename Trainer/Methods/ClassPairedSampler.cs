namespace Snnsweep.Trainer.Methods;

/// <summary>
/// Finds, for a sample of class y, a partner of class y in another domain (docs/methods.md §4.4): a uniformly random
/// one (kt, a new draw every iteration) or the cyclic one <c>partners_y[i mod n_y]</c> for the i-th sample of
/// the class (r2etl).
/// </summary>
public sealed class ClassPairedSampler
{
    private readonly int[][] _byClass;

    /// <param name="partnerLabels">Class of every candidate partner, by index.</param>
    /// <param name="classes">Number of classes.</param>
    public ClassPairedSampler(IReadOnlyList<int> partnerLabels, int classes)
    {
        var lists = Enumerable.Range(0, classes).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < partnerLabels.Count; i++)
        {
            var label = partnerLabels[i];
            if (label < 0 || label >= classes) throw new ArgumentException($"partner {i} has class {label}, outside 0..{classes - 1}", nameof(partnerLabels));
            lists[label].Add(i);
        }
        _byClass = lists.Select(l => l.ToArray()).ToArray();
    }

    /// <summary>Partners of class <paramref name="label"/>, in index order.</summary>
    public IReadOnlyList<int> OfClass(int label) => _byClass[label];

    public bool HasClass(int label) => _byClass[label].Length > 0;

    /// <summary>A partner of class <paramref name="label"/> drawn uniformly.</summary>
    public int Random(int label, Random random)
    {
        var candidates = _byClass[label];
        if (candidates.Length == 0) throw new InvalidOperationException($"no partner of class {label}");
        return candidates[random.Next(candidates.Length)];
    }

    /// <summary>The partner of the <paramref name="indexInClass"/>-th sample of class <paramref name="label"/>, cycling through the class.</summary>
    public int Cyclic(int label, int indexInClass)
    {
        var candidates = _byClass[label];
        if (candidates.Length == 0) throw new InvalidOperationException($"no partner of class {label}");
        return candidates[indexInClass % candidates.Length];
    }
}
