namespace Snnsweep.Tests.DatasetFixtures;

/// <summary>
/// Writes small but genuine datasets in the folder layouts they are released in (docs/datasets.md and each definition's
/// <c>ExpectedLayout</c>), in the real file formats, so tests and benchmarks exercise the dataset definitions exactly as a user's
/// download would: folder discovery, class lists, the paper splits, decoding and cross-domain pairing. Every generated
/// sample carries a class signal (see <see cref="ClassSignal"/>) at the dataset's real sensor size, so a network can
/// learn something from it, and stays at tens to a few hundred events so writing every dataset takes a fraction of a
/// second. Output depends only on the arguments: the same seed writes the same bytes.
/// <para>
/// <c>samplesPerClass</c> counts per split where the release stores the split (N-MNIST and MNIST files, CIFAR-10 batches,
/// DVS Gesture trial lists) and in total where the split is computed from the count (N-Caltech101, Caltech101 and
/// CIFAR10-DVS keep the first round(0.9 n) per class for training, so they need at least 5 to leave a test sample).
/// CEP-DVS keeps its paper shares for any class size (round(0.5 n) train, round(0.2 n) test), so it needs at least 3,
/// and Omniglot-family characters always hold their 20 drawers. The static partner of an event dataset uses the same
/// class names, so <c>DatasetDefinitions.Pair</c> maps every event class. The methods may share one root: every dataset
/// keeps to its own folders (CEP-DVS and its images share theirs, as released).
/// </para>
/// </summary>
public static partial class ReleasedLayouts
{
    private static void RequireAtLeast(int value, int minimum, string name, string why)
    {
        if (value < minimum) throw new ArgumentOutOfRangeException(name, value, $"{name} must be at least {minimum}: {why}");
    }

    /// <summary>Positions 0..n-1 in a seeded random order (ids assigned to classes interleave, as in the real files).</summary>
    private static int[] Shuffled(int n, Random rng)
    {
        var order = Enumerable.Range(0, n).ToArray();
        rng.Shuffle(order);
        return order;
    }
}
