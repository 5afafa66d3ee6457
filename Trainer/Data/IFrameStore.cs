namespace Snnsweep.Trainer.Data;

/// <summary>
/// Rows of integrated frames, one row per sample (<c>[T, C, H, W]</c> values), read as floats. Splits of a dataset
/// are views over one store, so a store is loaded (or memory-mapped) once per process however many trials read it.
/// </summary>
public interface IFrameStore
{
    /// <summary>Rows held.</summary>
    int Rows { get; }

    /// <summary>Values per row.</summary>
    int RowSize { get; }

    /// <summary>Writes <paramref name="destination"/>.Length values of row <paramref name="row"/>, starting at value <paramref name="start"/>.</summary>
    void Read(int row, int start, Span<float> destination);
}
