using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Snnsweep.Trainer.Data.Definitions;

/// <summary>
/// Carves a validation split out of Train, per class (stratified), deterministically: each training sample is ranked
/// by a hash of (seed, sample id) and the lowest <c>round(fraction * n_class)</c> become Validation. The choice depends
/// only on the seed and the ids, not on enumeration order or on other classes, so every silo computes the same split.
/// </summary>
public static class ValidationSplitter
{
    public static DatasetIndex Carve(DatasetIndex index, double fraction, int seed)
    {
        if (fraction is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "Validation fraction must be in [0, 1).");
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in index.Samples.Where(s => s.Split == DatasetSplit.Train).GroupBy(s => s.Label))
        {
            var members = group.ToList();
            var take = DatasetFolders.PythonRound(fraction * members.Count);
            if (fraction > 0 && take == 0 && members.Count > 1) take = 1; // every class is represented in validation
            foreach (var sample in members.OrderBy(s => Rank(seed, s.Id)).ThenBy(s => s.Id, StringComparer.Ordinal).Take(take))
                chosen.Add(sample.Id);
        }
        var samples = index.Samples.Select(s => chosen.Contains(s.Id) ? s with { Split = DatasetSplit.Validation } : s).ToList();
        return index with { Samples = samples };
    }

    private static ulong Rank(int seed, string id) =>
        BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\u0000{id}")));
}
