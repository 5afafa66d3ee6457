namespace Snnsweep.Trainer.Data.Static;

/// <summary>The contents of an IDX file (MNIST family): unsigned bytes with their dimensions.</summary>
/// <param name="Dimensions">Sizes of each axis, outermost first (e.g. [10000, 28, 28]).</param>
/// <param name="Data">Values in row-major order.</param>
public sealed record IdxFile(int[] Dimensions, byte[] Data)
{
    /// <summary>Number of items along the first axis.</summary>
    public int Count => Dimensions[0];

    /// <summary>Number of values in one item (product of the inner dimensions).</summary>
    public int ItemSize => Dimensions.Skip(1).Aggregate(1, (a, b) => a * b);
}
